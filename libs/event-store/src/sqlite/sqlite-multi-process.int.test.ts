import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SubscriptionReader, expectStrictlyIncreasing, newEvents } from '../conformance/conformance-support';
import { START, formatPosition } from '../position';
import { SqliteEventStore } from './sqlite-event-store';

interface WorkerAppend {
  readonly stream: string;
  readonly eventIds: string[];
  readonly position: string;
  /** How long the append took, lock waits included. */
  readonly ms: number;
}

interface WorkerOptions {
  readonly label: string;
  readonly rounds: number;
  /** Appends per round, issued together so they share a batch. */
  readonly width: number;
  /** Epoch ms to start appending at, so workers that load at different speeds still overlap. */
  readonly startAt?: number;
  /** Holds each append's write transaction open this long (sleeping inside it), like a slow writer. */
  readonly holdMs?: number;
}

/**
 * A separate Node process appending through its own SqliteEventStore. It loads the adapter's
 * TypeScript through @swc/core (already the test transformer), so it runs the code under test.
 * It prints "holding" when a held transaction has begun, then its appends as JSON.
 */
const WORKER = `
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
};
const { randomUUID } = require('node:crypto');
const [storeModule, file, json] = process.argv.slice(1);
const { label, rounds, width, startAt = 0, holdMs = 0 } = JSON.parse(json);
const { SqliteEventStore } = require(storeModule);
const event = (tag, index) => ({
  type: 'WorkerAppended',
  data: { tag, index },
  metadata: { eventId: randomUUID(), actor: { sub: label, role: 'worker' }, correlationId: randomUUID(),
    causationId: null, recordedAt: new Date().toISOString(), schemaVersion: 1 },
});
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  const store = await SqliteEventStore.open(file, { busyTimeoutMs: 20000 });
  if (holdMs > 0) {
    // The writer reads the head inside BEGIN IMMEDIATE: sleeping there holds the write lock.
    const head = store.writer.selectHead;
    store.writer.selectHead = { get: () => {
      fs.writeSync(1, 'holding\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
      return head.get();
    } };
  }
  await pause(startAt - Date.now());
  const appended = [];
  for (let round = 0; round < rounds; round++) {
    await pause(2);
    appended.push(...(await Promise.all(Array.from({ length: width }, async (_, slot) => {
      const stream = label + '-' + round + '-' + slot;
      const events = Array.from({ length: 1 + ((round + slot) % 3) }, (_, index) => event(stream, index));
      const started = Date.now();
      const result = await store.append(stream, events, 'no-stream');
      const position = result.position.commit.toString();
      return { stream, eventIds: events.map((e) => e.metadata.eventId), position, ms: Date.now() - started };
    }))));
  }
  await store.close();
  fs.writeSync(1, JSON.stringify(appended) + '\\n');
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface Worker {
  /** Resolves when the worker has begun a held transaction (only with holdMs). */
  readonly holding: Promise<void>;
  readonly done: Promise<WorkerAppend[]>;
}

function startWorker(file: string, options: WorkerOptions): Worker {
  const storeModule = path.join(__dirname, 'sqlite-event-store.ts');
  const child = spawn(process.execPath, ['-e', WORKER, '--', storeModule, file, JSON.stringify(options)], {
    cwd: path.resolve(__dirname, '../../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markHolding: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => (markHolding = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('holding\n')) markHolding();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<WorkerAppend[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.trim().split('\n');
      if (code === 0) resolve(JSON.parse(lines[lines.length - 1]) as WorkerAppend[]);
      else reject(new Error(`Worker ${options.label} exited with ${code}: ${stderr}`));
    });
  });
  return { holding, done };
}

describe('SqliteEventStore shared by several processes', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-sqlite-processes-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps positions dense and in commit order, and a subscriber sees every event of every process once, in order', async () => {
    const file = path.join(dir, 'events.sqlite');
    const store = await SqliteEventStore.open(file, { pollMs: 20, busyTimeoutMs: 20000 });
    const reader = new SubscriptionReader(store.subscribeToAll({ after: START, batchSize: 64 }), 60_000);
    try {
      let workersDone = false;
      // Workers take about a second to load; they all start writing at the same moment.
      const startAt = Date.now() + 2000;
      const workers = Promise.all(
        ['p1', 'p2', 'p3'].map((label) => startWorker(file, { label, rounds: 30, width: 6, startAt }).done),
      ).finally(() => (workersDone = true));
      // This process keeps writing for as long as the workers do.
      const local: WorkerAppend[] = [];
      for (let round = 0; !workersDone || round < 10; round++) {
        const stream = `local-${round}`;
        const events = newEvents(2, stream);
        const result = await store.append(stream, events, 'no-stream');
        local.push({
          stream,
          eventIds: events.map((event) => event.metadata.eventId),
          position: formatPosition(result.position),
          ms: 0,
        });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const appends = [...local, ...(await workers).flat()];
      const total = appends.reduce((sum, append) => sum + append.eventIds.length, 0);

      const all = await store.readAll({ after: START, maxCount: total + 1 });
      expect(all.map((event) => formatPosition(event.position))).toEqual(
        Array.from({ length: total }, (_, index) => String(index + 1)),
      );
      // Each append's events are contiguous, in order, ending at the position it was told.
      const byId = new Map(all.map((event) => [event.metadata.eventId, event]));
      for (const append of appends) {
        const positions = append.eventIds.map((id) => Number(byId.get(id)?.position.commit));
        expect(positions).toEqual(positions.map((_, index) => Number(append.position) - positions.length + 1 + index));
      }

      // The processes really wrote at the same time: their events interleave in the global order.
      const writers = all.map((event) => event.streamId.split('-')[0]);
      const switches = writers.filter((writer, index) => index > 0 && writer !== writers[index - 1]).length;
      expect(switches).toBeGreaterThan(10);

      const everyStream = new Set(all.map((event) => event.streamId));
      const delivered = await reader.take(total, everyStream);
      expect(delivered.map((event) => event.metadata.eventId)).toEqual(all.map((event) => event.metadata.eventId));
      await store.append('marker', newEvents(1, 'marker'), 'no-stream');
      everyStream.add('marker');
      expect((await reader.take(1, everyStream))[0].streamId).toBe('marker');
      expect(reader.delivered).toHaveLength(total + 1);
    } finally {
      await reader.subscription.close();
      await store.close();
    }
  }, 120_000);

  it('an append held open in one process makes the others wait: a subscriber never sees a later event first', async () => {
    const file = path.join(dir, 'events.sqlite');
    const store = await SqliteEventStore.open(file, { pollMs: 20 });
    await store.append('before', newEvents(1, 'before'), 'no-stream');
    const reader = new SubscriptionReader(store.subscribeToAll({ after: START }), 60_000);
    try {
      const slow = startWorker(file, { label: 'slow', rounds: 1, width: 1, holdMs: 3000 });
      await slow.holding;
      const fast = startWorker(file, { label: 'fast', rounds: 3, width: 2 });
      const delivered = reader.take(1, new Set(['before']));
      expect((await delivered)[0].streamId).toBe('before');
      const [slowAppends, fastAppends] = await Promise.all([slow.done, fast.done]);

      // The fast writer started while the slow transaction held the lock, so it waited for it.
      expect(fastAppends[0].ms).toBeGreaterThan(300);
      const slowLast = Number(slowAppends[0].position);
      expect(Math.min(...fastAppends.map((append) => Number(append.position)))).toBeGreaterThan(slowLast);

      const all = await store.readAll({ after: START, maxCount: 100 });
      const streams = new Set(all.map((event) => event.streamId));
      await reader.take(all.length - 1, streams);
      expect(reader.delivered.map((event) => event.metadata.eventId)).toEqual(
        all.map((event) => event.metadata.eventId),
      );
      expect(reader.delivered.map((event) => event.streamId.split('-')[0])).toEqual([
        'before',
        ...slowAppends.flatMap((append) => append.eventIds.map(() => 'slow')),
        ...fastAppends.flatMap((append) => append.eventIds.map(() => 'fast')),
      ]);
      expectStrictlyIncreasing(reader.delivered);
    } finally {
      await reader.subscription.close();
      await store.close();
    }
  }, 120_000);
});
