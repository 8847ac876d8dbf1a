import { randomUUID } from 'node:crypto';
import type { Fen } from '@pledge-ledger/domain';
import {
  GENESIS_HASH,
  eventHash,
  sqlPosition,
  type EventData,
  type NewEvent,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import { journalEntryFor, type JournalEntry } from '../posting-rules';
import type { ModelEvent } from './ledger-model';

export interface AccountTotals {
  debit: Fen;
  credit: Fen;
}

/** The model's events as the store would record them (dense positions from 1, each stream's hash chain). */
export function recorded(events: readonly ModelEvent[]): RecordedEvent[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  return events.map((event, index) => {
    const head = heads.get(event.streamId);
    const revision = head ? head.revision + 1 : 0;
    const content = { ...newEvent(event), streamId: event.streamId };
    const hash = eventHash(head?.hash ?? GENESIS_HASH, revision, content);
    heads.set(event.streamId, { revision, hash });
    return { ...content, revision, position: sqlPosition(index + 1), hash };
  });
}

export function newEvent(event: ModelEvent): NewEvent {
  return {
    type: event.type,
    data: event.data as EventData,
    metadata: {
      eventId: randomUUID(),
      actor: { sub: 'model', role: 'system' },
      correlationId: randomUUID(),
      causationId: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

/** Every entry the events post, in order, and each account's totals: the journal computed in memory. */
export function journalOf(events: readonly RecordedEvent[]): {
  entries: JournalEntry[];
  totals: Map<string, AccountTotals>;
} {
  const enterprises = new Map<string, string>();
  const entries: JournalEntry[] = [];
  const totals = new Map<string, AccountTotals>();
  for (const event of events) {
    if (event.type === 'LoanOriginated') enterprises.set(String(event.data.loanId), String(event.data.enterpriseId));
    const entry = journalEntryFor(event, (loanId) => enterprises.get(loanId));
    if (!entry) continue;
    entries.push(entry);
    for (const line of entry.lines) {
      const total = totals.get(line.account) ?? { debit: 0n, credit: 0n };
      totals.set(line.account, { debit: total.debit + line.debit, credit: total.credit + line.credit });
    }
  }
  return { entries, totals };
}

/** debit - credit of one account (zero when it never moved). */
export function balanceOf(totals: ReadonlyMap<string, AccountTotals>, account: string): Fen {
  const total = totals.get(account);
  return total ? total.debit - total.credit : 0n;
}

/** Sum of debit - credit over the accounts whose code matches. */
export function sumBalances(totals: ReadonlyMap<string, AccountTotals>, match: (account: string) => boolean): Fen {
  let sum = 0n;
  for (const [account, total] of totals) if (match(account)) sum += total.debit - total.credit;
  return sum;
}
