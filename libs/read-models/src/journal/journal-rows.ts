import { formatPosition } from '@pledge-ledger/event-store';
import type { Fen } from '@pledge-ledger/domain';
import { parseAccountCode, type AccountCode } from './chart-of-accounts';
import type { JournalEntry } from './posting-rules';

/**
 * The journal's rows as its tables hold them (money as decimal strings of fen, positions split in
 * commit and prepare), one place for the projection and for anything that must write the same
 * rows (B4's ceiling, bench/src/projections-ceiling.ts).
 */
export function journalEntryRow(entry: JournalEntry): Record<string, string | number> {
  return {
    event_id: entry.eventId,
    position: formatPosition(entry.position),
    position_commit: entry.position.commit.toString(),
    position_prepare: entry.position.prepare.toString(),
    stream_id: entry.streamId,
    revision: entry.revision,
    event_type: entry.eventType,
    value_date: entry.valueDate,
    recorded_at: entry.recordedAt,
    description: entry.description,
    total: entry.lines.reduce((sum, line) => sum + line.debit, 0n).toString(),
  };
}

export function journalLineRows(entry: JournalEntry): Array<Record<string, string | number>> {
  return entry.lines.map((line, index) => {
    const code = accountCode(line.account);
    return {
      event_id: entry.eventId,
      line_no: index + 1,
      account: line.account,
      owner_kind: code.ownerKind,
      owner_id: code.ownerId,
      account_key: code.key,
      debit: line.debit.toString(),
      credit: line.credit.toString(),
      position_commit: entry.position.commit.toString(),
      position_prepare: entry.position.prepare.toString(),
    };
  });
}

export function journalBalanceRow(account: string, debit: Fen, credit: Fen): Record<string, string> {
  const code = accountCode(account);
  return {
    account,
    owner_kind: code.ownerKind,
    owner_id: code.ownerId,
    account_key: code.key,
    debit_total: debit.toString(),
    credit_total: credit.toString(),
  };
}

function accountCode(account: string): AccountCode {
  const code = parseAccountCode(account);
  if (!code) throw new Error(`Posting rule produced an account outside the chart: ${account}`);
  return code;
}
