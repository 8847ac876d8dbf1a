/**
 * The ledger's chart of accounts (docs/chart-of-accounts.md): one set of books per party, the
 * fund, each bank and each enterprise. An account code is `<owner kind>:<owner id>:<account key>`,
 * e.g. `bank:B1:loans-receivable`; owner ids are the aggregates' ids as the events carry them.
 */

export type OwnerKind = 'fund' | 'bank' | 'enterprise';
export const OWNER_KINDS: readonly OwnerKind[] = ['fund', 'bank', 'enterprise'];

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
export type Side = 'debit' | 'credit';

export interface AccountDefinition {
  readonly ownerKind: OwnerKind;
  readonly key: string;
  readonly name: string;
  readonly type: AccountType;
  /** The side its balance normally sits on: debit for assets and expenses, credit for the others. */
  readonly normalSide: Side;
}

function account(ownerKind: OwnerKind, key: string, name: string, type: AccountType): AccountDefinition {
  const normalSide: Side = type === 'asset' || type === 'expense' ? 'debit' : 'credit';
  return { ownerKind, key, name, type, normalSide };
}

export const CHART_OF_ACCOUNTS = {
  fund: {
    cash: account('fund', 'cash', 'Cash', 'asset'),
    capital: account('fund', 'capital', 'Contributed capital', 'equity'),
    compensationExpense: account('fund', 'compensation-expense', 'Compensation paid to banks', 'expense'),
    recoveryShareIncome: account('fund', 'recovery-share-income', 'Recovery shares received', 'income'),
  },
  bank: {
    cash: account('bank', 'cash', 'Cash', 'asset'),
    loansReceivable: account('bank', 'loans-receivable', 'Loans receivable (principal)', 'asset'),
    interestIncome: account('bank', 'interest-income', 'Interest income', 'income'),
    compensationIncome: account('bank', 'compensation-income', 'Compensation received from the fund', 'income'),
    recoveryCosts: account('bank', 'recovery-costs', 'Recovery costs', 'expense'),
    recoveryShareExpense: account('bank', 'recovery-share-expense', 'Recovery shares paid to the fund', 'expense'),
    loanLosses: account('bank', 'loan-losses', 'Loan losses written off', 'expense'),
  },
  enterprise: {
    cash: account('enterprise', 'cash', 'Cash', 'asset'),
    loansPayable: account('enterprise', 'loans-payable', 'Loans payable (principal)', 'liability'),
    interestExpense: account('enterprise', 'interest-expense', 'Interest expense', 'expense'),
    settledByRecovery: account(
      'enterprise',
      'settled-by-recovery',
      'Debt settled by pledged assets sold, guarantors or others',
      'equity',
    ),
  },
} as const;

const DEFINITIONS = new Map<string, AccountDefinition>(
  Object.values(CHART_OF_ACCOUNTS)
    .flatMap((accounts) => Object.values(accounts))
    .map((definition) => [`${definition.ownerKind}:${definition.key}`, definition]),
);

export interface AccountCode {
  readonly ownerKind: OwnerKind;
  readonly ownerId: string;
  readonly key: string;
}

export function accountCode(definition: AccountDefinition, ownerId: string): string {
  return `${definition.ownerKind}:${ownerId}:${definition.key}`;
}

/** Splits a code; the owner id is everything between the first and the last ':' (ids may hold ':'). */
export function parseAccountCode(code: string): AccountCode | null {
  const first = code.indexOf(':');
  const last = code.lastIndexOf(':');
  if (first <= 0 || last <= first + 1 || last === code.length - 1) return null;
  const ownerKind = code.slice(0, first) as OwnerKind;
  const key = code.slice(last + 1);
  if (!OWNER_KINDS.includes(ownerKind) || !DEFINITIONS.has(`${ownerKind}:${key}`)) return null;
  return { ownerKind, ownerId: code.slice(first + 1, last), key };
}

export function accountDefinition(ownerKind: OwnerKind, key: string): AccountDefinition | undefined {
  return DEFINITIONS.get(`${ownerKind}:${key}`);
}
