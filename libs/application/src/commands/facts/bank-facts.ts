import { BankNotFoundError, bankDecider, bankStreamId } from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { loadAggregate } from '../../aggregate-stream';

/** Facts the Bank aggregate owns: other aggregates' commands that name a bank need it registered. */

export async function requireRegisteredBank(store: EventStore, bankId: unknown): Promise<void> {
  // A malformed id is the deciding aggregate's to refuse with its own input error.
  if (typeof bankId !== 'string' || bankId.trim() === '') return;
  const { state } = await loadAggregate(store, bankDecider, bankStreamId(bankId));
  if (state.status === 'unregistered') {
    throw new BankNotFoundError(`Bank ${bankId} is not registered`, { bankId });
  }
}
