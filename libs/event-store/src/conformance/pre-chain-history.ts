import type { NewEvent } from '../event';
import type { EventStore } from '../event-store';
import { GENESIS_HASH, eventHash } from '../hash-chain';
import { START } from '../position';
import { verifyChains } from '../verify-chains';
import { newEvent, newStreamId } from './conformance-support';

/**
 * A history written before hash chains (migration 1 only, events without hashes), the same for
 * every SQL adapter's backfill test: a loan's two events and a fund's one, interleaved. Each test
 * writes these rows as the previous build did, opens its store (which backfills), then calls
 * `expectBackfilledChainsContinue`.
 */
export interface PreChainHistory {
  readonly loan: string;
  readonly fund: string;
  readonly rows: ReadonlyArray<{ readonly stream: string; readonly revision: number; readonly event: NewEvent }>;
}

export function preChainHistory(): PreChainHistory {
  const [loan, fund] = [newStreamId('old-loan'), newStreamId('old-fund')];
  return {
    loan,
    fund,
    rows: [
      { stream: loan, revision: 0, event: newEvent('LoanOriginated', { amountFen: '100000', at: '2026-01-02' }) },
      { stream: fund, revision: 0, event: newEvent('FundOpened', { capitalFen: '9000000' }) },
      { stream: loan, revision: 1, event: newEvent('LoanRepaid', { amountFen: '2500' }) },
    ],
  };
}

/** Every backfilled hash is the chain's definition, and a new append continues its stream's chain. */
export async function expectBackfilledChainsContinue(store: EventStore, history: PreChainHistory): Promise<void> {
  const { loan, fund, rows } = history;
  const all = await store.readAll({ after: START, maxCount: 10 });
  const loan0 = eventHash(GENESIS_HASH, 0, { ...rows[0].event, streamId: loan });
  const fund0 = eventHash(GENESIS_HASH, 0, { ...rows[1].event, streamId: fund });
  const loan1 = eventHash(loan0, 1, { ...rows[2].event, streamId: loan });
  expect(all.map((event) => event.hash)).toEqual([loan0, fund0, loan1]);

  const repaid = newEvent('LoanRepaid', { amountFen: '97500' });
  await store.append(loan, [repaid], 1);
  const [appended] = await store.readStream(loan, { fromRevision: 2 });
  expect(appended.hash).toBe(eventHash(loan1, 2, { ...repaid, streamId: loan }));
  expect(await verifyChains(await store.readAll({ after: START, maxCount: 10 }))).toMatchObject({
    ok: true,
    eventsChecked: 4,
    streamsChecked: 2,
  });
}
