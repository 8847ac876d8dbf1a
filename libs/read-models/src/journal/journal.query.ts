import type { Actor, Position } from '@pledge-ledger/event-store';
import { formatPosition, parsePosition, START } from '@pledge-ledger/event-store';
import { formatMoney } from '@pledge-ledger/domain';
import type { SelectQueryBuilder } from 'typeorm';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { accountDefinition, OWNER_KINDS, type AccountType, type OwnerKind, type Side } from './chart-of-accounts';
import { InvalidLedgerQueryError } from './journal-query.errors';
import { JournalAccountBalanceRow, JournalEntryRow, JournalLineRow } from './journal.entity';

/** The journal shows every party's money movements: DESIGN.md section 4 gives it to these roles only. */
const ALLOWED_ROLES = new Set(['fund-manager', 'auditor']);

export interface ListJournalEntriesQuery {
  /** Only entries with a line on this account code (`bank:B1:loans-receivable`). */
  readonly account?: string;
  /** Only entries with a line in this party's books: `fund:F1`, `bank:B1`, `enterprise:E1`. */
  readonly owner?: string;
  /** Only entries caused by this event type (`RepaymentReceived`...). */
  readonly eventType?: string;
  /** Value dates from and to, inclusive, ISO `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  /** Cursor: the `nextCursor` of the previous page (a global position). */
  readonly after?: string;
  /** Page size, 1 to 500. Default 50. */
  readonly limit?: number;
}

export interface JournalLineView {
  readonly account: string;
  readonly ownerKind: OwnerKind;
  readonly ownerId: string;
  readonly accountKey: string;
  readonly accountName: string;
  /** Two-decimal strings; one of them is "0.00". */
  readonly debit: string;
  readonly credit: string;
}

export interface JournalEntryView {
  /** The event that caused the entry, and where it is in its stream and in the global feed. */
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly valueDate: string;
  readonly recordedAt: string;
  readonly description: string;
  /** Sum of the entry's debits (= its credits) over every party's lines: a movement between two parties counts in both books. */
  readonly total: string;
  /** Every line of the entry, whatever the filters, in posting order. */
  readonly lines: JournalLineView[];
}

export interface JournalPage {
  readonly items: JournalEntryView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface TrialBalanceQuery {
  /** Balances as they stood once the event at this global position was journaled. Default: now. */
  readonly asOfPosition?: string;
  /** Only this party's accounts: `fund:F1`, `bank:B1`, `enterprise:E1` (each party's books balance too). */
  readonly owner?: string;
}

export interface TrialBalanceAccount {
  readonly account: string;
  readonly ownerKind: OwnerKind;
  readonly ownerId: string;
  readonly accountKey: string;
  readonly name: string;
  readonly type: AccountType;
  readonly normalSide: Side;
  readonly debit: string;
  readonly credit: string;
  /** debit - credit: positive for a debit balance, negative ("-12.00") for a credit balance. */
  readonly balance: string;
}

export interface TrialBalance {
  readonly asOfPosition: string | null;
  /** Ordered by account code. */
  readonly accounts: TrialBalanceAccount[];
  /** debit equals credit, and balance is "0.00", whenever the books are sound. */
  readonly totals: { readonly debit: string; readonly credit: string; readonly balance: string };
}

function authorize(caller: Actor, view: string): void {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError(view, caller.role);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateFilter(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && !DATE.test(value)) {
    throw new InvalidLedgerQueryError(field, `${field} must be an ISO date (YYYY-MM-DD), got "${value}"`);
  }
  return value;
}

function positionFilter(value: string | undefined, field: string): Position | undefined {
  if (value === undefined) return undefined;
  let position;
  try {
    position = parsePosition(value);
  } catch {
    throw new InvalidLedgerQueryError(field, `${field} must be a position ("42" or "42/40"), got "${value}"`);
  }
  return position === START ? undefined : position;
}

function ownerFilter(value: string | undefined): { kind: OwnerKind; id: string } | undefined {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon) as OwnerKind;
  if (colon <= 0 || colon === value.length - 1 || !OWNER_KINDS.includes(kind)) {
    throw new InvalidLedgerQueryError('owner', `owner must be fund:<id>, bank:<id> or enterprise:<id>, got "${value}"`);
  }
  return { kind, id: value.slice(colon + 1) };
}

/** Rows at or before / after `position`, on the (commit, prepare) pair. */
function wherePosition<T extends object>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  relation: '<=' | '>',
  position: Position,
): void {
  const strict = relation === '<=' ? '<' : '>';
  builder.andWhere(
    `(${alias}.positionCommit ${strict} :commit OR (${alias}.positionCommit = :commit AND ${alias}.positionPrepare ${relation} :prepare))`,
    { commit: position.commit.toString(), prepare: position.prepare.toString() },
  );
}

/** Journal entries in global order, a page at a time (keyset on the position: stable while entries are added). */
export async function listJournalEntries(
  readStore: ReadStore,
  caller: Actor,
  query: ListJournalEntriesQuery = {},
): Promise<JournalPage> {
  authorize(caller, 'journal');
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
  const from = dateFilter(query.from, 'from');
  const to = dateFilter(query.to, 'to');
  const after = positionFilter(query.after, 'after');
  const owner = ownerFilter(query.owner);

  const builder = readStore.queries.getRepository(JournalEntryRow).createQueryBuilder('e');
  if (query.eventType !== undefined) builder.andWhere('e.eventType = :type', { type: query.eventType });
  if (from !== undefined) builder.andWhere('e.valueDate >= :from', { from });
  if (to !== undefined) builder.andWhere('e.valueDate <= :to', { to });
  if (after !== undefined) wherePosition(builder, 'e', '>', after);
  if (query.account !== undefined) {
    builder.andWhere('EXISTS (SELECT 1 FROM journal_lines l WHERE l.event_id = e.event_id AND l.account = :account)', {
      account: query.account,
    });
  }
  if (owner !== undefined) {
    builder.andWhere(
      'EXISTS (SELECT 1 FROM journal_lines o WHERE o.event_id = e.event_id AND o.owner_kind = :ownerKind AND o.owner_id = :ownerId)',
      { ownerKind: owner.kind, ownerId: owner.id },
    );
  }
  const rows = await builder
    .orderBy('e.positionCommit', 'ASC')
    .addOrderBy('e.positionPrepare', 'ASC')
    .limit(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const lines = await linesOf(
    readStore,
    page.map((row) => row.eventId),
  );
  const items = page.map((row) => ({
    eventId: row.eventId,
    eventType: row.eventType,
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    valueDate: row.valueDate,
    recordedAt: row.recordedAt,
    description: row.description,
    total: formatMoney(row.total),
    lines: lines.get(row.eventId) ?? [],
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].position : null };
}

async function linesOf(readStore: ReadStore, eventIds: readonly string[]): Promise<Map<string, JournalLineView[]>> {
  const byEntry = new Map<string, JournalLineView[]>();
  if (eventIds.length === 0) return byEntry;
  const rows = await readStore.queries
    .getRepository(JournalLineRow)
    .createQueryBuilder('l')
    .where('l.eventId IN (:...eventIds)', { eventIds })
    .orderBy('l.eventId', 'ASC')
    .addOrderBy('l.lineNo', 'ASC')
    .getMany();
  for (const row of rows) {
    const ownerKind = row.ownerKind as OwnerKind;
    const list = byEntry.get(row.eventId) ?? [];
    list.push({
      account: row.account,
      ownerKind,
      ownerId: row.ownerId,
      accountKey: row.accountKey,
      accountName: accountDefinition(ownerKind, row.accountKey)?.name ?? row.accountKey,
      debit: formatMoney(row.debit),
      credit: formatMoney(row.credit),
    });
    byEntry.set(row.eventId, list);
  }
  return byEntry;
}

interface AccountTotals {
  account: string;
  owner_kind: string;
  owner_id: string;
  account_key: string;
  debit_total: string;
  credit_total: string;
}

/**
 * Every account's debit and credit totals and balance. Now: read from the running totals the
 * projection keeps. As of a position: summed from the lines up to it (indexed by position).
 */
export async function getTrialBalance(
  readStore: ReadStore,
  caller: Actor,
  query: TrialBalanceQuery = {},
): Promise<TrialBalance> {
  authorize(caller, 'trial-balance');
  const asOf = positionFilter(query.asOfPosition, 'asOfPosition');
  const owner = ownerFilter(query.owner);
  let rows: AccountTotals[];
  if (asOf === undefined) {
    const builder = readStore.queries
      .getRepository(JournalAccountBalanceRow)
      .createQueryBuilder('b')
      .select('b.account', 'account')
      .addSelect('b.ownerKind', 'owner_kind')
      .addSelect('b.ownerId', 'owner_id')
      .addSelect('b.accountKey', 'account_key')
      .addSelect('CAST(b.debit_total AS TEXT)', 'debit_total')
      .addSelect('CAST(b.credit_total AS TEXT)', 'credit_total');
    if (owner) builder.andWhere('b.ownerKind = :kind AND b.ownerId = :id', owner);
    rows = await builder.getRawMany();
  } else {
    const builder = readStore.queries
      .getRepository(JournalLineRow)
      .createQueryBuilder('l')
      .select('l.account', 'account')
      .addSelect('l.ownerKind', 'owner_kind')
      .addSelect('l.ownerId', 'owner_id')
      .addSelect('l.accountKey', 'account_key')
      .addSelect('CAST(SUM(l.debit) AS TEXT)', 'debit_total')
      .addSelect('CAST(SUM(l.credit) AS TEXT)', 'credit_total')
      .groupBy('l.account')
      .addGroupBy('l.ownerKind')
      .addGroupBy('l.ownerId')
      .addGroupBy('l.accountKey');
    wherePosition(builder, 'l', '<=', asOf);
    if (owner) builder.andWhere('l.ownerKind = :kind AND l.ownerId = :id', owner);
    rows = await builder.getRawMany();
  }
  // Sorted here, not in SQL: PostgreSQL's collation may order ':' and '-' differently from SQLite.
  rows.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));

  let debitSum = 0n;
  let creditSum = 0n;
  const accounts = rows.map((row) => {
    const ownerKind = row.owner_kind as OwnerKind;
    const definition = accountDefinition(ownerKind, row.account_key);
    const debit = BigInt(row.debit_total);
    const credit = BigInt(row.credit_total);
    debitSum += debit;
    creditSum += credit;
    return {
      account: row.account,
      ownerKind,
      ownerId: row.owner_id,
      accountKey: row.account_key,
      name: definition?.name ?? row.account_key,
      type: definition?.type ?? 'asset',
      normalSide: definition?.normalSide ?? 'debit',
      debit: formatMoney(debit),
      credit: formatMoney(credit),
      balance: formatMoney(debit - credit),
    };
  });
  return {
    asOfPosition: asOf === undefined ? null : formatPosition(asOf),
    accounts,
    totals: {
      debit: formatMoney(debitSum),
      credit: formatMoney(creditSum),
      balance: formatMoney(debitSum - creditSum),
    },
  };
}
