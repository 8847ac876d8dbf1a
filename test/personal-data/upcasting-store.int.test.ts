import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executeCommand, loadAggregate, withUpcasting } from '@pledge-ledger/application';
import {
  enterpriseDecider,
  enterpriseStreamId,
  UnknownSchemaVersionError,
  type EnterpriseEvent,
  type GrantCertification,
} from '@pledge-ledger/domain';
import {
  EsdbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  START,
  verifyChains,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import { startEsdbTestServer } from '../support/esdb-test-server';
import { createTestSchema } from '../support/postgres';

/**
 * Schema evolution on a real store: an EnterpriseRegistered written as v1 (before the contact
 * person existed) stays v1 in the store forever, and the application reads it as v2.
 */
const KINDS = ['SQLite', 'PostgreSQL', 'EventStoreDB'] as const;

const admin = { sub: 'op-1', role: 'admin' as const };
const NOW = '2026-03-01T09:00:00.000Z';

const v1Data = (enterpriseId: string) => ({
  enterpriseId,
  name: 'Minjiang Photonics Co., Ltd.',
  creditCode: '91350100M000100Y43',
  region: 'Fujian/Fuzhou',
  size: 'small',
});

function rawEvent(type: string, data: NewEvent['data'], schemaVersion: number): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: `${type}-${Math.random().toString(36).slice(2)}`,
      actor: admin,
      correlationId: 'migration-test',
      causationId: null,
      recordedAt: '2025-01-01T00:00:00.000Z',
      schemaVersion,
    },
  };
}

const grant = (enterpriseId: string): GrantCertification => ({
  type: 'GrantCertification',
  data: { enterpriseId, certification: 'high-tech', grantDate: '2025-01-10', expiryDate: '2027-12-31' },
  metadata: { actor: admin, now: NOW },
});

async function openStore(kind: (typeof KINDS)[number]): Promise<{ store: EventStore; dispose: () => Promise<void> }> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'upcasting-'));
    const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
    return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (kind === 'EventStoreDB') {
    const server = await startEsdbTestServer();
    const store = await EsdbEventStore.open(server.url);
    return { store, dispose: () => server.stop() };
  }
  const schema = await createTestSchema();
  const store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema });
  return { store, dispose: () => schema.drop() };
}

describe.each(KINDS)('the upcasting event store on %s', (kind) => {
  let raw: EventStore;
  let dispose: () => Promise<void>;
  let upcast: EventStore;

  beforeAll(async () => {
    ({ store: raw, dispose } = await openStore(kind));
    upcast = withUpcasting(raw);
  });
  afterAll(async () => {
    await raw?.close();
    await dispose?.();
  });

  it('reads a stored v1 registration as v2 everywhere, while the store keeps it as written', async () => {
    const stream = enterpriseStreamId('ent-v1');
    await raw.append(stream, [rawEvent('EnterpriseRegistered', v1Data('ent-v1'), 1)], 'no-stream');

    const [read] = await upcast.readStream(stream);
    expect(read.data).toEqual({ ...v1Data('ent-v1'), contact: null });
    expect(read.metadata.schemaVersion).toBe(2);

    const all = await upcast.readAll({ after: START, maxCount: 100 });
    expect(all.find((event) => event.streamId === stream)?.data).toEqual({ ...v1Data('ent-v1'), contact: null });

    const subscription = upcast.subscribeToAll({ after: START });
    let delivered: RecordedEvent | undefined;
    for await (const event of subscription) {
      if (event.streamId !== stream) continue;
      delivered = event;
      break;
    }
    expect(delivered?.data).toEqual({ ...v1Data('ent-v1'), contact: null });

    const [stored] = await raw.readStream(stream);
    expect(stored.data).toEqual(v1Data('ent-v1'));
    expect(stored.metadata.schemaVersion).toBe(1);
  });

  it('replays a v1 history to the same decision as the equivalent v2 one, and appends after it', async () => {
    const v1Stream = enterpriseStreamId('ent-old');
    await raw.append(v1Stream, [rawEvent('EnterpriseRegistered', v1Data('ent-old'), 1)], 'no-stream');
    const v2Stream = enterpriseStreamId('ent-new');
    await raw.append(
      v2Stream,
      [rawEvent('EnterpriseRegistered', { ...v1Data('ent-new'), contact: null }, 2)],
      'no-stream',
    );

    const old = await loadAggregate(upcast, enterpriseDecider, v1Stream);
    const current = await loadAggregate(upcast, enterpriseDecider, v2Stream);
    expect({ ...old.state, enterpriseId: 'x' }).toEqual({ ...current.state, enterpriseId: 'x' });
    const decided = (id: string, state: typeof old.state): EnterpriseEvent[] =>
      enterpriseDecider.decide(grant(id), state);
    expect(decided('ent-old', old.state)).toEqual([
      {
        type: 'EnterpriseCertificationGranted',
        data: {
          enterpriseId: 'ent-old',
          certification: 'high-tech',
          grantDate: '2025-01-10',
          expiryDate: '2027-12-31',
        },
      },
    ]);
    expect(decided('ent-old', old.state)).toEqual(
      decided('ent-new', current.state).map((event) => ({
        ...event,
        data: { ...event.data, enterpriseId: 'ent-old' },
      })),
    );

    const result = await executeCommand(upcast, enterpriseDecider, v1Stream, grant('ent-old'), {
      correlationId: 'c',
      causationId: null,
    });
    expect(result.revision).toBe(1);
    const stored = await raw.readStream(v1Stream);
    expect(stored.map((event) => [event.type, event.metadata.schemaVersion])).toEqual([
      ['EnterpriseRegistered', 1],
      ['EnterpriseCertificationGranted', 1],
    ]);
    expect(stored[0].data).toEqual(v1Data('ent-old'));
  });

  it('refuses an event of a schema version newer than the code, on every read path', async () => {
    const stream = enterpriseStreamId('ent-future');
    await raw.append(
      stream,
      [rawEvent('EnterpriseRegistered', { ...v1Data('ent-future'), contact: null }, 3)],
      'no-stream',
    );

    await expect(upcast.readStream(stream)).rejects.toThrow(UnknownSchemaVersionError);
    await expect(upcast.readAll({ after: START, maxCount: 1000 })).rejects.toThrow(
      'EnterpriseRegistered has schema version 3, but this code knows versions 1 to 2',
    );
    await expect(loadAggregate(upcast, enterpriseDecider, stream)).rejects.toThrow(UnknownSchemaVersionError);
    expect((await raw.readStream(stream))[0].metadata.schemaVersion).toBe(3);
  });

  it('leaves the raw history verifiable: the hash chains cover what was stored, not the upcast copy', async () => {
    const stored = await raw.readAll({ after: START, maxCount: 1000 });
    const upcastCopy = await upcast.readStream(enterpriseStreamId('ent-v1'));
    expect(stored.length).toBeGreaterThan(0);
    await expect(verifyChains(stored)).resolves.toMatchObject({ ok: true, eventsChecked: stored.length });
    // The upcast copy of the v1 registration carries the stored hash over data that was never stored.
    await expect(verifyChains(upcastCopy)).resolves.toMatchObject({
      ok: false,
      firstBrokenLink: { reason: 'hash', revision: 0 },
    });
  });
});
