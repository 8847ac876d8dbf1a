/**
 * The fund dashboard's rows as stored (snake case, money as integer-fen text read through CAST AS
 * TEXT, JSON columns as text) and the column lists the projection and the query read them with.
 */

export interface StoredFund {
  fund_id: string;
  name: string;
  established_on: string;
  contributed: string;
  paid: string;
  recovered: string;
  policy: string | null;
  latest_business_date: string;
}

export interface StoredFundBank {
  fund_id: string;
  bank_id: string;
  standing: string;
  standing_since: string;
  standing_reason: string | null;
  paid: string;
  recovered: string;
  paid_by_year: string;
}

export interface StoredFundLoan {
  loan_id: string;
  fund_id: string | null;
  bank_id: string;
  enterprise_id: string;
  principal: string;
  covered_principal: string;
  coverage_ratio_bps: number;
  tier: number;
  per_loan_cap: string;
  max_compensation: string;
  policy_version: number;
  enrolled_on: string;
  cover_status: string | null;
  in_default: number;
}

export interface StoredFundClaim {
  claim_id: string;
  fund_id: string;
  loan_id: string;
  bank_id: string;
  status: string;
  principal_loss: string;
  coverage_ratio_bps: number;
  per_loan_cap: string;
  filed_on: string;
  approvers: string;
  round_payout: string | null;
  approvals_required: number | null;
}

export const FUND_COLUMNS: readonly (keyof StoredFund & string)[] = [
  'fund_id',
  'name',
  'established_on',
  'contributed',
  'paid',
  'recovered',
  'policy',
  'latest_business_date',
];
export const FUND_MONEY: ReadonlySet<string> = new Set(['contributed', 'paid', 'recovered']);

export const FUND_BANK_COLUMNS: readonly (keyof StoredFundBank & string)[] = [
  'fund_id',
  'bank_id',
  'standing',
  'standing_since',
  'standing_reason',
  'paid',
  'recovered',
  'paid_by_year',
];
export const FUND_BANK_MONEY: ReadonlySet<string> = new Set(['paid', 'recovered']);

export const FUND_LOAN_COLUMNS: readonly (keyof StoredFundLoan & string)[] = [
  'loan_id',
  'fund_id',
  'bank_id',
  'enterprise_id',
  'principal',
  'covered_principal',
  'coverage_ratio_bps',
  'tier',
  'per_loan_cap',
  'max_compensation',
  'policy_version',
  'enrolled_on',
  'cover_status',
  'in_default',
];
export const FUND_LOAN_MONEY: ReadonlySet<string> = new Set([
  'principal',
  'covered_principal',
  'per_loan_cap',
  'max_compensation',
]);

export const FUND_CLAIM_COLUMNS: readonly (keyof StoredFundClaim & string)[] = [
  'claim_id',
  'fund_id',
  'loan_id',
  'bank_id',
  'status',
  'principal_loss',
  'coverage_ratio_bps',
  'per_loan_cap',
  'filed_on',
  'approvers',
  'round_payout',
  'approvals_required',
];
export const FUND_CLAIM_MONEY: ReadonlySet<string> = new Set(['principal_loss', 'per_loan_cap', 'round_payout']);
