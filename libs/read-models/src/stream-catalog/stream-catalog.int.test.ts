import { formatPosition } from '@pledge-ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelMigrations } from '../read-model-catalog';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { DIALECTS, ReadModelFixture, event } from '../testing/read-model-fixture';
import { streamCatalogProjection } from './stream-catalog.projection';
import { listStreams, type StreamSummary } from './stream-catalog.query';

const TIMEOUT = 60_000;
const auditor = { sub: 'audit-1', role: 'auditor' };

describe.each(DIALECTS)('stream catalog on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    runner = new ProjectionRunner(fixture.events, readStore, streamCatalogProjection);
    await runner.start();
  }, TIMEOUT);

  afterEach(async () => {
    await runner.stop();
    await fixture.close();
  }, TIMEOUT);

  it(
    'describes each stream: aggregate type, event count, last revision, last event and when it was recorded',
    async () => {
      await fixture.events.append('loan-7', [event('LoanOriginated', '2026-03-01T08:00:00.000Z')], 'no-stream');
      await fixture.events.append('ip-CN2024', [event('IpAssetRegistered', '2026-03-02T09:00:00.000Z')], 'no-stream');
      const last = await fixture.events.append(
        'loan-7',
        [event('LoanPledgesSecured', '2026-03-03T10:00:00.000Z'), event('LoanDisbursed', '2026-03-03T10:00:00.000Z')],
        0,
      );
      await runner.waitFor(last.position, 5_000);

      const page = await listStreams(readStore, auditor);

      expect(page).toEqual({
        items: [
          {
            streamId: 'ip-CN2024',
            aggregateType: 'ip',
            eventCount: 1,
            lastRevision: 0,
            lastEventType: 'IpAssetRegistered',
            lastPosition: '2',
            firstRecordedAt: '2026-03-02T09:00:00.000Z',
            lastRecordedAt: '2026-03-02T09:00:00.000Z',
          },
          {
            streamId: 'loan-7',
            aggregateType: 'loan',
            eventCount: 3,
            lastRevision: 2,
            lastEventType: 'LoanDisbursed',
            lastPosition: formatPosition(last.position),
            firstRecordedAt: '2026-03-01T08:00:00.000Z',
            lastRecordedAt: '2026-03-03T10:00:00.000Z',
          },
        ],
        nextCursor: null,
      });
    },
    TIMEOUT,
  );

  it(
    'pages through every stream once, in order, and filters by aggregate type',
    async () => {
      const ids = Array.from(
        { length: 23 },
        (_, i) => `${i % 3 === 0 ? 'bank' : 'loan'}-${String(i).padStart(2, '0')}`,
      );
      for (const id of ids) await fixture.events.append(id, [event('Registered')], 'no-stream');
      await runner.waitFor(await fixture.events.headPosition(), 5_000);

      const seen: StreamSummary[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await listStreams(readStore, auditor, { limit: 5, after });
        seen.push(...page.items);
        after = page.nextCursor ?? undefined;
        pages += 1;
      } while (after !== undefined);
      const banks = await listStreams(readStore, { sub: 'admin-1', role: 'admin' }, { aggregateType: 'bank' });

      expect(pages).toBe(5);
      expect(seen.map((s) => s.streamId)).toEqual([...ids].sort());
      expect(banks.items.map((s) => s.streamId)).toEqual(ids.filter((id) => id.startsWith('bank-')).sort());
      expect(banks.nextCursor).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'is refused to roles that may not see every stream',
    async () => {
      const bank = { sub: 'clerk-1', role: 'bank', bankId: 'bank-1' };
      await expect(listStreams(readStore, bank)).rejects.toBeInstanceOf(ReadAccessDeniedError);
    },
    TIMEOUT,
  );

  it(
    'reopening the store finds its migrations done and its rows intact',
    async () => {
      const written = await fixture.events.append('claim-1', [event('ClaimFiled')], 'no-stream');
      await runner.waitFor(written.position, 5_000);

      const reopened = await fixture.openReadStore();

      const migrations: Array<{ name: string }> = await reopened.queries.query(
        'SELECT name FROM read_model_migrations ORDER BY timestamp',
      );
      // Each ran once, on the first open; the second open ran nothing again.
      expect(migrations.map((m) => m.name).sort()).toEqual(readModelMigrations.map((M) => new M().name).sort());
      expect((await listStreams(reopened, auditor)).items.map((s) => s.streamId)).toEqual(['claim-1']);
    },
    TIMEOUT,
  );
});
