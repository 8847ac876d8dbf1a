/**
 * The bank portfolio's rows as stored (snake case, money as integer-fen text read through CAST AS
 * TEXT, JSON columns as text) and the column lists the projection reads them with.
 */

export interface StoredPortfolioBank {
  bank_id: string;
  name: string;
  latest_business_date: string | null;
}

export interface StoredPortfolioLoan {
  loan_id: string;
  bank_id: string;
  enterprise_id: string;
  fund_id: string | null;
  status: string;
  principal: string;
  outstanding_principal: string;
  bucket: string | null;
  days_past_due: number | null;
  bucket_as_of: string | null;
}

export interface StoredPortfolioPolicy {
  fund_id: string;
  policy: string;
}

export interface StoredPortfolioFundBank {
  fund_id: string;
  bank_id: string;
  standing: string;
  paid_by_year: string;
}

export const PORTFOLIO_BANK_COLUMNS: readonly (keyof StoredPortfolioBank & string)[] = [
  'bank_id',
  'name',
  'latest_business_date',
];
export const PORTFOLIO_LOAN_COLUMNS: readonly (keyof StoredPortfolioLoan & string)[] = [
  'loan_id',
  'bank_id',
  'enterprise_id',
  'fund_id',
  'status',
  'principal',
  'outstanding_principal',
  'bucket',
  'days_past_due',
  'bucket_as_of',
];
export const PORTFOLIO_LOAN_MONEY: ReadonlySet<string> = new Set(['principal', 'outstanding_principal']);
export const PORTFOLIO_POLICY_COLUMNS: readonly (keyof StoredPortfolioPolicy & string)[] = ['fund_id', 'policy'];
export const PORTFOLIO_FUND_BANK_COLUMNS: readonly (keyof StoredPortfolioFundBank & string)[] = [
  'fund_id',
  'bank_id',
  'standing',
  'paid_by_year',
];
