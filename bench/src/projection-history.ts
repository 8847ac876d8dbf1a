import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { executeCommand } from '@pledge-ledger/application';
import { loanDecider, loanStreamId, type ReceiveRepayment } from '@pledge-ledger/domain';
import { PostgresEventStore, START, type After, type NewEvent, type RecordedEvent } from '@pledge-ledger/event-store';
import { Client } from 'pg';
import { PG_URL, dropSchema, freshSchemaName } from './environment';
import { HttpClient } from './http-client';
import { startApi } from './ledger-api-process';
import { benchSecret, repaymentBody, seedDefaultedLoan, seedWorld, type World } from './ledger-world';

/**
 * B4's history: LEDGER_BENCH_EVENTS events of the ledger's real shapes, kept in a PostgreSQL schema
 * of its own between runs (`bench_history_<events>_<hash>`, keyed by the size and a hash of this
 * generator, so a rerun skips generation and a changed generator makes a new one; one is kept per size).
 *
 * How: a template ledger is made by the real API (bank, enterprise, fund with policy, loans with
 * their patents, pledges secured and the cover recorded by the process managers, one loan that
 * defaults with its claim approved, paid, a recovery shared and the patent marked sold, then
 * written off) plus repayments decided by the Loan decider (executeCommand, as the API's handler
 * does: one loan after the other, so a loan's repayments are consecutive and append in one batch).
 * The template is then copied as many times as needed, every id renamed per copy (so each copy is
 * a bank with its own enterprise, fund and loans) and every event id fresh, and appended through
 * PostgresEventStore.append, 16 copies at a time, with exact expected revisions. The last copy
 * is cut to hit the size exactly; it is a prefix in the feed's order, so it is still a consistent history.
 */
const TEMPLATE_LOANS = 20;
const TEMPLATE_REPAYMENTS = 60;
const COPIES_IN_FLIGHT = 16;

export interface History {
  readonly schema: string;
  readonly events: number;
  readonly templateEvents: number;
  readonly copies: number;
  /** Seconds generation took in this run; null when the cached history was used. */
  readonly generatedSeconds: number | null;
  readonly eventTypes: Record<string, number>;
}

interface Marker {
  events: string;
  template_events: number;
  copies: number;
  event_types: Record<string, number>;
}

function generatorKey(events: number): string {
  const hash = createHash('sha256').update(
    `events=${events};loans=${TEMPLATE_LOANS};repayments=${TEMPLATE_REPAYMENTS}`,
  );
  for (const file of ['projection-history.js', 'ledger-world.js'])
    hash.update(readFileSync(path.join(__dirname, file)));
  return hash.digest('hex').slice(0, 12);
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function readMarker(schema: string): Promise<Marker | null> {
  return withClient(async (client) => {
    const exists = await client.query(`SELECT to_regclass($1) AS name`, [`"${schema}".bench_history_done`]);
    if (exists.rows[0].name === null) return null;
    const { rows } = await client.query<Marker>(`SELECT * FROM "${schema}".bench_history_done`);
    return rows[0] ?? null;
  });
}

/** The cached history of `events` events, generated first when it is missing (or LEDGER_BENCH_FRESH=1). */
export async function cachedHistory(events: number, log: (line: string) => void): Promise<History> {
  const schema = `bench_history_${events}_${generatorKey(events)}`;
  const marker = process.env.LEDGER_BENCH_FRESH === '1' ? null : await readMarker(schema);
  if (marker) {
    log(`history: cached in schema ${schema} (${marker.events} events)`);
    return {
      schema,
      events: Number(marker.events),
      templateEvents: marker.template_events,
      copies: marker.copies,
      generatedSeconds: null,
      eventTypes: marker.event_types,
    };
  }
  // One history is kept per size: an older one of this size (older generator, or cut short) is dropped.
  const stale = await withClient(
    async (client) =>
      (
        await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [
          `bench\\_history\\_${events}\\_%`,
        ])
      ).rows,
  );
  for (const { name } of stale) await dropSchema(name);

  const started = Date.now();
  log(`history: generating ${events} events into schema ${schema}`);
  const template = await recordTemplate(log);
  log(`  template: ${template.events.length} events`);
  const copies = Math.ceil(events / template.events.length);
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
  const eventTypes: Record<string, number> = {};
  try {
    let nextCopy = 0;
    let written = 0;
    let lastLogged = Date.now();
    await Promise.all(
      Array.from({ length: COPIES_IN_FLIGHT }, async () => {
        while (nextCopy < copies) {
          const copy = nextCopy++;
          const take = Math.min(template.events.length, events - copy * template.events.length);
          const batches = copyOfTemplate(template, copy, take);
          for (const batch of batches) {
            await store.append(batch.streamId, batch.events, batch.expected);
            for (const event of batch.events) eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
            written += batch.events.length;
          }
          if (Date.now() - lastLogged > 10_000) {
            lastLogged = Date.now();
            log(`  ${written} events written`);
          }
        }
      }),
    );
  } finally {
    await store.close();
  }
  await withClient(async (client) => {
    await client.query(
      `CREATE TABLE "${schema}".bench_history_done (events bigint, template_events int, copies int, event_types jsonb, generated_at timestamptz DEFAULT now())`,
    );
    await client.query(`INSERT INTO "${schema}".bench_history_done VALUES ($1, $2, $3, $4)`, [
      events,
      template.events.length,
      copies,
      JSON.stringify(eventTypes),
    ]);
  });
  const generatedSeconds = Math.round((Date.now() - started) / 100) / 10;
  log(`history: ${events} events in ${generatedSeconds} s`);
  return { schema, events, templateEvents: template.events.length, copies, generatedSeconds, eventTypes };
}

interface Template {
  readonly events: readonly RecordedEvent[];
  /** Every id the template's world uses, longest first: what a copy renames. */
  readonly ids: readonly string[];
}

/** The template ledger, made by the API process on PostgreSQL, read back from its event store. */
async function recordTemplate(log: (line: string) => void): Promise<Template> {
  const eventsSchema = freshSchemaName('bench_template_events');
  const readsSchema = freshSchemaName('bench_template_reads');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-template-'));
  await withClient(async (client) => {
    await client.query(`CREATE SCHEMA "${eventsSchema}"`);
    await client.query(`CREATE SCHEMA "${readsSchema}"`);
  });
  const secret = benchSecret();
  const api = await startApi({
    LEDGER_JWT_SECRET: secret,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PROJECTIONS: 'in-process',
    LEDGER_EVENT_STORE: `${PG_URL}?schema=${eventsSchema}`,
    LEDGER_READ_STORE: `${PG_URL}?schema=${readsSchema}`,
  });
  const client = new HttpClient(api.baseUrl, 16);
  let world: World;
  let claimId: string;
  try {
    // A suffix no other text of an event contains: a copy renames ids by plain substring replacement.
    world = await seedWorld(client, { loans: TEMPLATE_LOANS, suffix: '-tpl', secret, concurrency: 8, log });
    claimId = await seedDefaultedLoan(client, world, 0);
  } finally {
    client.close();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema: eventsSchema });
  try {
    // Repayments on every other loan, decided by the Loan decider as the API's handler decides them.
    for (const loanId of world.loanIds.slice(1)) {
      for (let i = 0; i < TEMPLATE_REPAYMENTS; i++) {
        const body = repaymentBody(i);
        const command = {
          type: 'ReceiveRepayment',
          data: { loanId, ...body },
          metadata: {
            actor: { sub: 'bench-officer', role: 'bank', bankId: world.bankId },
            now: `${body.valueDate}T10:00:00.000Z`,
          },
        } as ReceiveRepayment;
        await executeCommand(store, loanDecider, loanStreamId(loanId), command, {
          correlationId: randomUUID(),
          causationId: null,
        });
      }
    }
    const events: RecordedEvent[] = [];
    let after: After = START;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      events.push(...page);
      after = page[page.length - 1].position;
    }
    const ids = [world.bankId, world.enterpriseId, world.fundId, claimId, ...world.loanIds, ...world.assetIds];
    return { events, ids: [...new Set(ids)].sort((a, b) => b.length - a.length) };
  } finally {
    await store.close();
    await dropSchema(eventsSchema);
    await dropSchema(readsSchema);
  }
}

interface Batch {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly expected: number | 'no-stream';
}

/**
 * Copy `copy` of the template's first `take` events: ids renamed with a `-c<copy>` suffix (in stream
 * ids, data and the actor), event ids fresh and causation ids pointing at the copy's own events,
 * grouped into one append per run of consecutive events of one stream.
 */
function copyOfTemplate(template: Template, copy: number, take: number): Batch[] {
  const pattern = new RegExp(template.ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const rename = (text: string): string => text.replace(pattern, (id) => `${id}-c${copy}`);
  const eventIds = new Map<string, string>();
  const correlations = new Map<string, string>();
  const fresh = (map: Map<string, string>, id: string): string => {
    let renamed = map.get(id);
    if (renamed === undefined) map.set(id, (renamed = randomUUID()));
    return renamed;
  };
  const batches: Batch[] = [];
  for (const event of template.events.slice(0, take)) {
    const streamId = rename(event.streamId);
    const metadata = event.metadata;
    const renamed: NewEvent = {
      type: event.type,
      data: JSON.parse(rename(JSON.stringify(event.data))) as NewEvent['data'],
      metadata: {
        eventId: fresh(eventIds, metadata.eventId),
        actor: JSON.parse(rename(JSON.stringify(metadata.actor))) as NewEvent['metadata']['actor'],
        correlationId: fresh(correlations, metadata.correlationId),
        causationId: metadata.causationId === null ? null : fresh(eventIds, metadata.causationId),
        recordedAt: metadata.recordedAt,
        schemaVersion: metadata.schemaVersion,
      },
    };
    const last = batches[batches.length - 1];
    if (last && last.streamId === streamId) last.events.push(renamed);
    else
      batches.push({ streamId, events: [renamed], expected: event.revision === 0 ? 'no-stream' : event.revision - 1 });
  }
  return batches;
}
