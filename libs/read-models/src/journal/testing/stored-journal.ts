import type { ReadStore } from '../../read-store/read-store';
import { JournalAccountBalanceRow, JournalEntryRow, JournalLineRow } from '../journal.entity';

/** Every row of the journal's tables, in key order: what two ways of building it are compared on. */
export async function storedJournal(readStore: ReadStore): Promise<{
  entries: JournalEntryRow[];
  lines: JournalLineRow[];
  balances: JournalAccountBalanceRow[];
}> {
  const repository = readStore.queries;
  return {
    entries: await repository.getRepository(JournalEntryRow).find({ order: { eventId: 'ASC' } }),
    lines: await repository.getRepository(JournalLineRow).find({ order: { eventId: 'ASC', lineNo: 'ASC' } }),
    balances: await repository.getRepository(JournalAccountBalanceRow).find({ order: { account: 'ASC' } }),
  };
}
