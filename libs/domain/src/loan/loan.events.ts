import type { DomainEvent } from '../shared/decider';
import type { DelinquencyBucket, RepaymentMethod } from './arithmetic';

/**
 * The Loan's events. Data is plain JSON and self-contained for projections and auditors:
 * money as two-decimal strings ("1250000.00"), dates as ISO "YYYY-MM-DD", rates in integer
 * basis points. Every event names its loan and the owning bank.
 */

/** Event stream of one loan. */
export function loanStreamId(loanId: string): string {
  return `loan-${loanId}`;
}

export type RecoverySource = 'pledge-enforcement' | 'guarantor' | 'borrower' | 'other';
export const RECOVERY_SOURCES: readonly RecoverySource[] = ['pledge-enforcement', 'guarantor', 'borrower', 'other'];

export interface LoanOriginatedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly principal: string;
  readonly annualRateBps: number;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  readonly originationDate: string;
  /** Planned maturity: originationDate + termMonths. The schedule itself starts at disbursement. */
  readonly maturityDate: string;
  /** The assets of `pledges`, in the same order. */
  readonly pledgedAssetIds: readonly string[];
  /** What the pledging process manager registers on each asset. */
  readonly pledges: readonly PledgeDetailsData[];
}

export interface PledgeDetailsData {
  readonly assetId: string;
  readonly registrationNumber: string;
  readonly consentingOwnerIds: readonly string[];
}

export interface PledgeRegistrationData {
  readonly assetId: string;
  readonly registrationNumber: string;
  readonly registeredOn: string;
}

export interface LoanPledgesSecuredData {
  readonly loanId: string;
  readonly bankId: string;
  /** One per pledged asset, in the loan's pledgedAssetIds order. */
  readonly pledges: readonly PledgeRegistrationData[];
}

export interface PledgeRefusalData {
  readonly assetId: string;
  readonly reasons: readonly string[];
}

export interface LoanPledgeRefusedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly refusals: readonly PledgeRefusalData[];
}

export interface InstalmentData {
  readonly number: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
}

export interface LoanDisbursedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly valueDate: string;
  /** The whole principal: a loan is disbursed once, in full. */
  readonly amount: string;
  readonly annualRateBps: number;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  /** Due date of the last instalment. */
  readonly maturityDate: string;
  /** The full schedule starting at valueDate, so readers need no arithmetic. */
  readonly schedule: readonly InstalmentData[];
}

export interface RepaymentReceivedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly valueDate: string;
  readonly amount: string;
  /** amount = interest + principal; interest due as of valueDate is paid first. */
  readonly interest: string;
  readonly principal: string;
  readonly outstandingPrincipalAfter: string;
  readonly interestDueAfter: string;
}

export interface LoanRepaidData {
  readonly loanId: string;
  readonly bankId: string;
  readonly valueDate: string;
  readonly totalPrincipalRepaid: string;
  readonly totalInterestRepaid: string;
}

export interface LoanDelinquencyAssessedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly asOf: string;
  readonly daysPastDue: number;
  readonly bucket: DelinquencyBucket;
  readonly principalDue: string;
  readonly interestDue: string;
  readonly outstandingPrincipal: string;
}

export interface LoanDefaultedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly asOf: string;
  readonly daysPastDue: number;
  /** The threshold applied: days past due had to exceed it. */
  readonly thresholdDays: number;
  /** Where the threshold came from: the standard 90 days, or the policy of the fund covering the loan. */
  readonly thresholdSource: 'standard' | 'fund-policy';
  readonly fundId: string | null;
  readonly policyVersion: number | null;
  readonly outstandingPrincipal: string;
  readonly principalDue: string;
  readonly interestDue: string;
}

export interface RecoveryRecordedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly valueDate: string;
  /** Gross amount recovered, counted against the principal outstanding at default. */
  readonly amount: string;
  /** Costs of recovering it (auction fees, legal costs); "0.00" when none. */
  readonly costs: string;
  /** amount - costs: what a recovery share is computed from. */
  readonly netAmount: string;
  readonly source: RecoverySource;
  /** The pledged asset sold, for a pledge enforcement; otherwise null. */
  readonly assetId: string | null;
  /** Gross recoveries so far, this one included. */
  readonly totalRecovered: string;
  readonly outstandingPrincipalAtDefault: string;
}

export interface LoanWrittenOffData {
  readonly loanId: string;
  readonly bankId: string;
  readonly valueDate: string;
  /** outstandingPrincipalAtDefault - totalRecovered. */
  readonly amount: string;
  readonly outstandingPrincipalAtDefault: string;
  readonly totalRecovered: string;
}

export interface LoanFundCoverageRecordedData {
  readonly loanId: string;
  readonly bankId: string;
  readonly fundId: string;
  readonly coverageRatioBps: number;
  readonly coveredPrincipal: string;
  readonly policyVersion: number;
  readonly defaultThresholdDays: number;
}

export type LoanOriginated = DomainEvent<'LoanOriginated', LoanOriginatedData>;
export type LoanPledgesSecured = DomainEvent<'LoanPledgesSecured', LoanPledgesSecuredData>;
export type LoanPledgeRefused = DomainEvent<'LoanPledgeRefused', LoanPledgeRefusedData>;
export type LoanDisbursed = DomainEvent<'LoanDisbursed', LoanDisbursedData>;
export type RepaymentReceived = DomainEvent<'RepaymentReceived', RepaymentReceivedData>;
export type LoanRepaid = DomainEvent<'LoanRepaid', LoanRepaidData>;
export type LoanDelinquencyAssessed = DomainEvent<'LoanDelinquencyAssessed', LoanDelinquencyAssessedData>;
export type LoanDefaulted = DomainEvent<'LoanDefaulted', LoanDefaultedData>;
export type RecoveryRecorded = DomainEvent<'RecoveryRecorded', RecoveryRecordedData>;
export type LoanWrittenOff = DomainEvent<'LoanWrittenOff', LoanWrittenOffData>;
export type LoanFundCoverageRecorded = DomainEvent<'LoanFundCoverageRecorded', LoanFundCoverageRecordedData>;

export type LoanEvent =
  | LoanOriginated
  | LoanPledgesSecured
  | LoanPledgeRefused
  | LoanDisbursed
  | RepaymentReceived
  | LoanRepaid
  | LoanDelinquencyAssessed
  | LoanDefaulted
  | RecoveryRecorded
  | LoanWrittenOff
  | LoanFundCoverageRecorded;

export type LoanEventType = LoanEvent['type'];
