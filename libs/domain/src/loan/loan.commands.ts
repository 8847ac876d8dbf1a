import type { Command } from '../shared/decider';

/**
 * The Loan's commands. Values arrive as they come over the wire (money as decimal strings,
 * ISO dates); the decider validates them. Facts owned by other aggregates (does the
 * enterprise exist, what did the pledge registry say, what did the fund enrol) are loaded by
 * the application layer or a process manager and passed in.
 */

/** Bank. actor.bankId must equal bankId. */
export interface OriginateLoanData {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  /** Loaded by the application layer from the Enterprise stream. */
  readonly enterpriseRegistered: boolean;
  readonly principal: string;
  readonly annualRateBps: number;
  readonly termMonths: number;
  /** 'equal-instalments' | 'bullet' */
  readonly repaymentMethod: string;
  readonly originationDate: string;
  /**
   * The assets pledged, with what the pledge registration needs (the pledging process manager
   * registers each on its IpAsset): the CNIPA registration number and the co-owners who consented.
   */
  readonly pledges: readonly PledgeDetails[];
}

/** One asset pledged to a loan, as the bank states it at origination. */
export interface PledgeDetails {
  readonly assetId: string;
  /** Number of the pledge registration with CNIPA (质押登记号). */
  readonly registrationNumber: string;
  /** Owners of the asset other than the borrower who consented in writing; may be empty. */
  readonly consentingOwnerIds: readonly string[];
}

/** System (pledging process manager): every pledged asset registered. Repeats are no-ops. */
export interface SecurePledgesData {
  readonly loanId: string;
  readonly pledges: readonly {
    readonly assetId: string;
    readonly registrationNumber: string;
    readonly registeredOn: string;
  }[];
}

/** System (pledging process manager): at least one pledge refused. Repeats are no-ops. */
export interface RefusePledgesData {
  readonly loanId: string;
  readonly refusals: readonly { readonly assetId: string; readonly reasons: readonly string[] }[];
}

/** Bank. Disburses the whole principal; the schedule starts on valueDate. */
export interface DisburseLoanData {
  readonly loanId: string;
  readonly valueDate: string;
}

/** Bank. */
export interface ReceiveRepaymentData {
  readonly loanId: string;
  readonly amount: string;
  readonly valueDate: string;
}

/** Bank or system (a scheduled assessment). */
export interface AssessDelinquencyData {
  readonly loanId: string;
  readonly asOf: string;
}

/** Bank. */
export interface DeclareDefaultData {
  readonly loanId: string;
  readonly asOf: string;
}

/** Bank. */
export interface RecordRecoveryData {
  readonly loanId: string;
  readonly amount: string;
  /** 'pledge-enforcement' | 'guarantor' | 'borrower' | 'other' */
  readonly source: string;
  readonly valueDate: string;
  /** Required for 'pledge-enforcement': the pledged asset sold. */
  readonly assetId?: string | null;
  /** Costs of the recovery; defaults to "0.00". */
  readonly costs?: string | null;
}

/** Bank. */
export interface WriteOffLoanData {
  readonly loanId: string;
  readonly valueDate: string;
}

/** System (enrolment process manager), after the fund enrolled the loan. */
export interface RecordFundCoverageData {
  readonly loanId: string;
  readonly fundId: string;
  readonly coverageRatioBps: number;
  readonly coveredPrincipal: string;
  readonly policyVersion: number;
  readonly defaultThresholdDays: number;
}

export type OriginateLoan = Command<'OriginateLoan', OriginateLoanData>;
export type SecurePledges = Command<'SecurePledges', SecurePledgesData>;
export type RefusePledges = Command<'RefusePledges', RefusePledgesData>;
export type DisburseLoan = Command<'DisburseLoan', DisburseLoanData>;
export type ReceiveRepayment = Command<'ReceiveRepayment', ReceiveRepaymentData>;
export type AssessDelinquency = Command<'AssessDelinquency', AssessDelinquencyData>;
export type DeclareDefault = Command<'DeclareDefault', DeclareDefaultData>;
export type RecordRecovery = Command<'RecordRecovery', RecordRecoveryData>;
export type WriteOffLoan = Command<'WriteOffLoan', WriteOffLoanData>;
export type RecordFundCoverage = Command<'RecordFundCoverage', RecordFundCoverageData>;

export type LoanCommand =
  | OriginateLoan
  | SecurePledges
  | RefusePledges
  | DisburseLoan
  | ReceiveRepayment
  | AssessDelinquency
  | DeclareDefault
  | RecordRecovery
  | WriteOffLoan
  | RecordFundCoverage;

export type LoanCommandType = LoanCommand['type'];
