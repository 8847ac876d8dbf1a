import type { RecordedEvent } from '../event';
import type { EventStore } from '../event-store';
import { eventHash } from '../hash-chain';
import { START } from '../position';
import { verifyChains } from '../verify-chains';
import { newEvent, newStreamId, readAllOf } from './conformance-support';

/**
 * A store plus what someone with write access to its database could do behind its back. Each
 * change goes straight to the SQL table, the way a tamperer would, never through the store.
 */
export interface TamperFixture {
  readonly store: EventStore;
  setData(streamId: string, revision: number, data: string): Promise<void>;
  setDataAndHash(streamId: string, revision: number, data: string, hash: string): Promise<void>;
  deleteEvent(streamId: string, revision: number): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * Tamper evidence on a SQL adapter: events edited, deleted or forged in the table are found by
 * verifyChains over readAll, which names the stream and revision where the chain breaks.
 */
export function describeTamperEvidence(adapterName: string, factory: () => Promise<TamperFixture>): void {
  describe(`tamper evidence: ${adapterName}`, () => {
    let fixture: TamperFixture;
    let streams: { a: string; b: string; c: string };
    let written: RecordedEvent[];

    const amount = (fen: string) => ({ loanId: 'L-1', amountFen: fen });
    const verifyAll = async () =>
      verifyChains(await readAllOf(fixture.store, START, new Set(Object.values(streams)), 4));

    beforeEach(async () => {
      fixture = await factory();
      streams = { a: newStreamId('tamper-a'), b: newStreamId('tamper-b'), c: newStreamId('tamper-c') };
      const { store } = fixture;
      await store.append(streams.a, [newEvent('LoanOriginated', amount('100000'))], 'no-stream');
      await store.append(streams.b, [newEvent('LoanOriginated', amount('500000'))], 'no-stream');
      await store.append(
        streams.b,
        [newEvent('LoanRepaid', amount('1000')), newEvent('LoanRepaid', amount('2000'))],
        0,
      );
      await store.append(streams.c, [newEvent('LoanOriginated', amount('7000'))], 'no-stream');
      await store.append(streams.a, [newEvent('LoanRepaid', amount('500'))], 0);
      await store.append(streams.b, [newEvent('LoanRepaid', amount('3000'))], 2);
      written = await readAllOf(store, START, new Set(Object.values(streams)));
      expect(await verifyAll()).toMatchObject({ ok: true, eventsChecked: 7, streamsChecked: 3 });
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    const original = (streamId: string, revision: number): RecordedEvent => {
      const event = written.find((candidate) => candidate.streamId === streamId && candidate.revision === revision);
      if (!event) throw new Error(`No event ${streamId}@${revision} was written`);
      return event;
    };

    it("an event's data edited in the table breaks its own link: that stream and revision, reason hash", async () => {
      await fixture.setData(streams.b, 1, JSON.stringify(amount('1')));

      const [edited] = await fixture.store.readStream(streams.b, { fromRevision: 1, maxCount: 1 });
      expect(edited.data).toEqual(amount('1'));
      const verification = await verifyAll();
      expect(verification.ok).toBe(false);
      expect(verification.firstBrokenLink).toMatchObject({
        streamId: streams.b,
        revision: 1,
        reason: 'hash',
        found: original(streams.b, 1).hash,
      });
    });

    it('an event deleted from the table breaks the revision sequence at the next one, reason revision', async () => {
      await fixture.deleteEvent(streams.b, 1);

      const verification = await verifyAll();
      expect(verification.ok).toBe(false);
      expect(verification.firstBrokenLink).toMatchObject({
        streamId: streams.b,
        revision: 2,
        reason: 'revision',
        expected: '1',
        found: '2',
      });
    });

    it('a forged event given a recomputed hash passes its own link but breaks the next event of its stream', async () => {
      const forgedData = amount('1');
      const target = original(streams.b, 1);
      const forgedHash = eventHash(original(streams.b, 0).hash, 1, { ...target, data: forgedData });
      await fixture.setDataAndHash(streams.b, 1, JSON.stringify(forgedData), forgedHash);

      const [forged] = await fixture.store.readStream(streams.b, { fromRevision: 1, maxCount: 1 });
      expect(forged).toMatchObject({ data: forgedData, hash: forgedHash });
      const verification = await verifyAll();
      expect(verification.ok).toBe(false);
      expect(verification.firstBrokenLink).toMatchObject({
        streamId: streams.b,
        revision: 2,
        reason: 'hash',
        found: original(streams.b, 2).hash,
      });
    });
  });
}
