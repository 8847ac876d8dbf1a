import { Client, Pool } from 'pg';
import { createTestSchema } from '../../../../test/support/postgres';
import type { TestSchema } from '../../../../test/support/postgres';
import { newEvent, newStreamId } from '../conformance/conformance-support';
import { expectBackfilledChainsContinue, preChainHistory } from '../conformance/pre-chain-history';
import { describeTamperEvidence } from '../conformance/tamper-evidence';
import { START } from '../position';
import { verifyChains } from '../verify-chains';
import { beginAppendBatch, prepareAppend } from './postgres-append-batch';
import { PostgresEventStore } from './postgres-event-store';
import { MIGRATIONS, migrate } from './postgres-migrations';
import { postgresTables } from './postgres-tables';

jest.setTimeout(60_000);

describeTamperEvidence('PostgreSQL', async () => {
  const schema = await createTestSchema();
  const store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema, listen: false });
  // A connection of its own, as anyone with write access to the table has: no append lock, no store.
  const raw = new Client({ connectionString: schema.url });
  await raw.connect();
  const { events } = postgresTables(schema.schema);
  return {
    store,
    setData: async (streamId, revision, data) => {
      await raw.query(`UPDATE ${events} SET data = $1 WHERE stream_id = $2 AND revision = $3`, [
        data,
        streamId,
        revision,
      ]);
    },
    setDataAndHash: async (streamId, revision, data, hash) => {
      await raw.query(`UPDATE ${events} SET data = $1, hash = $2 WHERE stream_id = $3 AND revision = $4`, [
        data,
        hash,
        streamId,
        revision,
      ]);
    },
    deleteEvent: async (streamId, revision) => {
      await raw.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision = $2`, [streamId, revision]);
    },
    cleanup: async () => {
      await raw.end();
      await store.close();
      await schema.drop();
    },
  };
});

describe('a PostgreSQL schema written before hash chains', () => {
  let schema: TestSchema;
  beforeEach(async () => (schema = await createTestSchema()));
  afterEach(() => schema.drop());

  it('gets every chain computed when opened, both columns required, and new appends continue them', async () => {
    // The schema as the previous build left it: migration 1 only, events without hashes.
    const tables = postgresTables(schema.schema);
    const pool = new Pool({ connectionString: schema.url });
    const history = preChainHistory();
    const { loan, fund, rows } = history;
    try {
      await migrate(pool, tables, MIGRATIONS.slice(0, 1));
      for (const [index, { stream, revision, event }] of rows.entries()) {
        await pool.query(
          `INSERT INTO ${tables.events} (position, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            index + 1,
            stream,
            revision,
            event.type,
            JSON.stringify(event.data, null, 1),
            JSON.stringify(event.metadata),
          ],
        );
      }
      await pool.query(`INSERT INTO ${tables.streams} (stream_id, revision) VALUES ($1, 1), ($2, 0)`, [loan, fund]);
      await pool.query(`UPDATE ${tables.globalPosition} SET last = 3`);
    } finally {
      await pool.end();
    }

    const store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema, listen: false });
    const raw = new Client({ connectionString: schema.url });
    await raw.connect();
    try {
      await expectBackfilledChainsContinue(store, history);

      // A writer that does not chain (an old build still running) is refused instead of leaving a gap in the evidence.
      await expect(
        raw.query(
          `INSERT INTO ${tables.events} (position, stream_id, revision, type, data, metadata) VALUES (99, 'x', 0, 'T', '{}', '{}')`,
        ),
      ).rejects.toThrow(/null value in column "hash"/);
    } finally {
      await raw.end();
      await store.close();
    }
  });
});

describe('links chained in Node before the append lock (StreamHeads)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let client: Client;
  beforeEach(async () => {
    schema = await createTestSchema();
    store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema, listen: false });
    client = new Client({ connectionString: schema.url });
    await client.connect();
  });
  afterEach(async () => {
    await client.end();
    await store.close();
    await schema.drop();
  });

  async function appendWithLink(streamId: string, expected: number, link: { previous: string; hashes: string[] }) {
    const tables = postgresTables(schema.schema);
    await client.query('BEGIN');
    const append = { ...prepareAppend(streamId, [newEvent('Linked'), newEvent('Linked')], expected), link };
    const [outcome] = await beginAppendBatch(client, tables, [append]);
    await client.query('COMMIT');
    return outcome;
  }

  it('are used when they start from the stream’s last hash, and the chain holds', async () => {
    const loan = newStreamId('linked');
    await store.append(loan, [newEvent('Opened')], 'no-stream');
    await store.append(loan, [newEvent('Repaid'), newEvent('Repaid')], 0);
    const [head] = await store.readStream(loan, { direction: 'backwards', maxCount: 1 });
    const events = await store.readStream(loan);
    expect(events.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(head.revision).toBe(2);
    expect(await verifyChains(await store.readAll({ after: START, maxCount: 10 }))).toMatchObject({ ok: true });
  });

  it('are ignored, and the events chained in SQL, when they start from any other hash', async () => {
    const loan = newStreamId('mislinked');
    await store.append(loan, [newEvent('Opened')], 'no-stream');
    const forged = { previous: 'f'.repeat(64), hashes: ['a'.repeat(64), 'b'.repeat(64)] };
    const outcome = await appendWithLink(loan, 0, forged);
    expect(outcome).toMatchObject({ nextRevision: 2 });
    const events = await store.readStream(loan);
    expect(events.map((event) => event.hash)).not.toContain('b'.repeat(64));
    expect((outcome as { lastHash: string }).lastHash).toBe(events[2].hash);
    expect(await verifyChains(await store.readAll({ after: START, maxCount: 10 }))).toMatchObject({
      ok: true,
      eventsChecked: 3,
    });
  });
});
