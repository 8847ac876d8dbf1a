import type { DomainEvent } from '../shared/decider';
import type { FundEnterpriseSize, FundPolicyData } from './fund-policy';

/** The fund's events: plain JSON, money as two-decimal strings, dates ISO, rates in basis points. */

export type FundEstablished = DomainEvent<
  'FundEstablished',
  { readonly fundId: string; readonly name: string; readonly establishedOn: string }
>;

export type FundCapitalContributed = DomainEvent<
  'FundCapitalContributed',
  { readonly fundId: string; readonly contributor: string; readonly amount: string; readonly valueDate: string }
>;

export type FundPolicyPublished = DomainEvent<'FundPolicyPublished', FundPolicyData & { readonly fundId: string }>;

export type BankAdmitted = DomainEvent<
  'BankAdmitted',
  { readonly fundId: string; readonly bankId: string; readonly admittedOn: string }
>;

/** What an automatic suspension was decided on. */
export interface BadLoanAssessment {
  readonly enrolledPrincipal: string;
  readonly defaultedPrincipal: string;
  readonly badLoanRatioBps: number;
  readonly thresholdBps: number;
  readonly policyVersion: number;
  readonly asOf: string;
}

export type BankSuspended = DomainEvent<
  'BankSuspended',
  {
    readonly fundId: string;
    readonly bankId: string;
    readonly reason: string;
    readonly suspendedOn: string;
    readonly automatic: boolean;
    /** Null for a manual suspension. */
    readonly assessment: BadLoanAssessment | null;
  }
>;

export type BankReinstated = DomainEvent<
  'BankReinstated',
  { readonly fundId: string; readonly bankId: string; readonly reason: string; readonly reinstatedOn: string }
>;

export type LoanEnrolled = DomainEvent<
  'LoanEnrolled',
  {
    readonly fundId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly enterpriseId: string;
    readonly principal: string;
    /** The whole principal is covered; the ratio applies to the loss on it. */
    readonly coveredPrincipal: string;
    readonly coverageRatioBps: number;
    readonly tier: number;
    readonly perLoanCap: string;
    /** min(coveredPrincipal x ratio, perLoanCap): the most the fund may pay on this loan. */
    readonly maxCompensation: string;
    readonly policyVersion: number;
    /** The policy's default threshold: the loan may be declared defaulted only this many days past due. */
    readonly defaultThresholdDays: number;
    readonly enterpriseSize: FundEnterpriseSize;
    readonly enterpriseCertifications: readonly string[];
    readonly enrolledOn: string;
  }
>;

export type LoanCoverReleased = DomainEvent<
  'LoanCoverReleased',
  {
    readonly fundId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly reason: 'loan-repaid';
    readonly releasedOn: string;
  }
>;

export type CompensationPaid = DomainEvent<
  'CompensationPaid',
  {
    readonly fundId: string;
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly amount: string;
    /** The calendar year of valueDate: the per-bank annual cap it counts against. */
    readonly year: number;
    readonly valueDate: string;
    /** The inputs the payment was checked against. */
    readonly policyVersion: number;
    readonly perBankAnnualCap: string;
    readonly bankPaidInYearBefore: string;
    readonly availableBalanceBefore: string;
  }
>;

export type RecoveryShareReceived = DomainEvent<
  'RecoveryShareReceived',
  {
    readonly fundId: string;
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly recoveryId: string;
    readonly amount: string;
    readonly valueDate: string;
  }
>;

export type RiskFundEvent =
  | FundEstablished
  | FundCapitalContributed
  | FundPolicyPublished
  | BankAdmitted
  | BankSuspended
  | BankReinstated
  | LoanEnrolled
  | LoanCoverReleased
  | CompensationPaid
  | RecoveryShareReceived;

export function riskFundStreamId(fundId: string): string {
  return `fund-${fundId}`;
}
