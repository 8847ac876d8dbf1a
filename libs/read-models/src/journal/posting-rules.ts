import {
  parseMoney,
  type CompensationPaid,
  type Fen,
  type FundCapitalContributed,
  type LoanDisbursed,
  type LoanWrittenOff,
  type RecoveryRecorded,
  type RecoveryShareReceived,
  type RepaymentReceived,
} from '@pledge-ledger/domain';
import type { Position, RecordedEvent } from '@pledge-ledger/event-store';
import { accountCode, CHART_OF_ACCOUNTS, type AccountDefinition } from './chart-of-accounts';

/**
 * The posting rules (docs/chart-of-accounts.md): each money-moving event becomes one journal
 * entry whose lines balance in total and within each party's books. Pure: no I/O, no clock.
 */

export interface JournalLine {
  /** An account code, `<owner kind>:<owner id>:<account key>`. */
  readonly account: string;
  /** Fen; exactly one of debit and credit is above zero. */
  readonly debit: Fen;
  readonly credit: Fen;
}

/** What a rule decides: the lines and the business date and wording of the entry. */
export interface Posting {
  readonly valueDate: string;
  readonly description: string;
  readonly lines: readonly JournalLine[];
}

/** A posting linked to the event that caused it. */
export interface JournalEntry extends Posting {
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly recordedAt: string;
}

/** The enterprise that borrowed a loan: repayments and recoveries do not name it, LoanOriginated does. */
export type EnterpriseOfLoan = (loanId: string) => string | undefined;

/** Events that post an entry. ClaimPaid and RecoveryShared only mirror CompensationPaid and RecoveryShareReceived. */
export const POSTING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'FundCapitalContributed',
  'LoanDisbursed',
  'RepaymentReceived',
  'CompensationPaid',
  'RecoveryRecorded',
  'RecoveryShareReceived',
  'LoanWrittenOff',
]);

export class UnbalancedEntryError extends Error {
  readonly code = 'LEDGER.UNBALANCED_ENTRY';
}

export class UnknownLoanError extends Error {
  readonly code = 'LEDGER.UNKNOWN_LOAN';
}

const { fund, bank, enterprise } = CHART_OF_ACCOUNTS;

function dr(definition: AccountDefinition, ownerId: string, amount: Fen): JournalLine {
  return { account: accountCode(definition, ownerId), debit: amount, credit: 0n };
}

function cr(definition: AccountDefinition, ownerId: string, amount: Fen): JournalLine {
  return { account: accountCode(definition, ownerId), debit: 0n, credit: amount };
}

/** Zero-amount lines (an interest-only repayment's principal, a recovery without costs) are left out. */
function posting(valueDate: string, description: string, lines: JournalLine[]): Posting {
  return { valueDate, description, lines: lines.filter((line) => line.debit !== 0n || line.credit !== 0n) };
}

export function postCapitalContribution(data: FundCapitalContributed['data']): Posting {
  const amount = parseMoney(data.amount);
  return posting(data.valueDate, `Capital contributed to fund ${data.fundId} by ${data.contributor}`, [
    dr(fund.cash, data.fundId, amount),
    cr(fund.capital, data.fundId, amount),
  ]);
}

export function postDisbursement(data: LoanDisbursed['data']): Posting {
  const amount = parseMoney(data.amount);
  return posting(data.valueDate, `Loan ${data.loanId} disbursed by bank ${data.bankId} to ${data.enterpriseId}`, [
    dr(bank.loansReceivable, data.bankId, amount),
    cr(bank.cash, data.bankId, amount),
    dr(enterprise.cash, data.enterpriseId, amount),
    cr(enterprise.loansPayable, data.enterpriseId, amount),
  ]);
}

export function postRepayment(data: RepaymentReceived['data'], enterpriseId: string): Posting {
  const amount = parseMoney(data.amount);
  const principal = parseMoney(data.principal);
  const interest = parseMoney(data.interest);
  return posting(data.valueDate, `Repayment of loan ${data.loanId} to bank ${data.bankId}`, [
    dr(bank.cash, data.bankId, amount),
    cr(bank.loansReceivable, data.bankId, principal),
    cr(bank.interestIncome, data.bankId, interest),
    dr(enterprise.loansPayable, enterpriseId, principal),
    dr(enterprise.interestExpense, enterpriseId, interest),
    cr(enterprise.cash, enterpriseId, amount),
  ]);
}

export function postCompensation(data: CompensationPaid['data']): Posting {
  const amount = parseMoney(data.amount);
  return posting(data.valueDate, `Fund ${data.fundId} pays claim ${data.claimId} on loan ${data.loanId}`, [
    dr(fund.compensationExpense, data.fundId, amount),
    cr(fund.cash, data.fundId, amount),
    dr(bank.cash, data.bankId, amount),
    cr(bank.compensationIncome, data.bankId, amount),
  ]);
}

/**
 * The gross amount settles that much of the loan's principal (in the bank's and the enterprise's
 * books); the bank keeps the net and expenses the costs. The enterprise pays in cash only when it
 * is the source; otherwise its pledged assets, a guarantor or someone else settled that debt.
 */
export function postRecovery(data: RecoveryRecorded['data'], enterpriseId: string): Posting {
  const amount = parseMoney(data.amount);
  const settledBy = data.source === 'borrower' ? enterprise.cash : enterprise.settledByRecovery;
  return posting(data.valueDate, `Recovery on loan ${data.loanId} (${data.source}) by bank ${data.bankId}`, [
    dr(bank.cash, data.bankId, parseMoney(data.netAmount)),
    dr(bank.recoveryCosts, data.bankId, parseMoney(data.costs)),
    cr(bank.loansReceivable, data.bankId, amount),
    dr(enterprise.loansPayable, enterpriseId, amount),
    cr(settledBy, enterpriseId, amount),
  ]);
}

export function postRecoveryShare(data: RecoveryShareReceived['data']): Posting {
  const amount = parseMoney(data.amount);
  return posting(
    data.valueDate,
    `Bank ${data.bankId} pays fund ${data.fundId} its share of a recovery on loan ${data.loanId}`,
    [
      dr(fund.cash, data.fundId, amount),
      cr(fund.recoveryShareIncome, data.fundId, amount),
      dr(bank.recoveryShareExpense, data.bankId, amount),
      cr(bank.cash, data.bankId, amount),
    ],
  );
}

/**
 * Only the bank's books: a write-off takes the loan off its balance sheet, but the enterprise
 * still owes the debt (written off, not forgiven), so its loans-payable keeps it.
 */
export function postWriteOff(data: LoanWrittenOff['data']): Posting {
  const amount = parseMoney(data.amount);
  return posting(data.valueDate, `Loan ${data.loanId} written off by bank ${data.bankId}`, [
    dr(bank.loanLosses, data.bankId, amount),
    cr(bank.loansReceivable, data.bankId, amount),
  ]);
}

/** The posting an event makes, or null when it moves no money (or all its amounts are zero). */
export function postingFor(type: string, data: unknown, enterpriseOf: EnterpriseOfLoan): Posting | null {
  const loanEnterprise = (loanId: string): string => {
    const enterpriseId = enterpriseOf(loanId);
    if (enterpriseId === undefined) throw new UnknownLoanError(`No LoanOriginated seen for loan "${loanId}"`);
    return enterpriseId;
  };
  let result: Posting;
  switch (type) {
    case 'FundCapitalContributed':
      result = postCapitalContribution(data as FundCapitalContributed['data']);
      break;
    case 'LoanDisbursed':
      result = postDisbursement(data as LoanDisbursed['data']);
      break;
    case 'RepaymentReceived': {
      const repayment = data as RepaymentReceived['data'];
      result = postRepayment(repayment, loanEnterprise(repayment.loanId));
      break;
    }
    case 'CompensationPaid':
      result = postCompensation(data as CompensationPaid['data']);
      break;
    case 'RecoveryRecorded': {
      const recovery = data as RecoveryRecorded['data'];
      result = postRecovery(recovery, loanEnterprise(recovery.loanId));
      break;
    }
    case 'RecoveryShareReceived':
      result = postRecoveryShare(data as RecoveryShareReceived['data']);
      break;
    case 'LoanWrittenOff':
      result = postWriteOff(data as LoanWrittenOff['data']);
      break;
    default:
      return null;
  }
  return result.lines.length > 0 ? result : null;
}

/** The entry a stored event posts, checked to balance; null when it posts nothing. */
export function journalEntryFor(event: RecordedEvent, enterpriseOf: EnterpriseOfLoan): JournalEntry | null {
  const result = postingFor(event.type, event.data, enterpriseOf);
  if (result === null) return null;
  const imbalance = unbalancedOwners(result.lines);
  if (imbalance.length > 0) {
    throw new UnbalancedEntryError(
      `${event.type} ${event.metadata.eventId} does not balance for ${imbalance.join(', ')}`,
    );
  }
  return {
    ...result,
    eventId: event.metadata.eventId,
    eventType: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
  };
}

/** The parties (`bank:B1`) whose lines in an entry do not balance; empty when every one does. */
export function unbalancedOwners(lines: readonly JournalLine[]): string[] {
  const net = new Map<string, Fen>();
  for (const line of lines) {
    const owner = line.account.slice(0, line.account.lastIndexOf(':'));
    net.set(owner, (net.get(owner) ?? 0n) + line.debit - line.credit);
  }
  return [...net].filter(([, amount]) => amount !== 0n).map(([owner]) => owner);
}
