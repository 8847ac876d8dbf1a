import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { loanDecider, loanStreamId, type LoanCommand, type LoanState } from '@pledge-ledger/domain';
import {
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type ReadStreamOptions,
} from '@pledge-ledger/event-store';
import { createTestSchema, type TestSchema } from '../../../../test/support/postgres';
import { executeCommand, loadAggregate } from '../aggregate-stream';
import { ReceiveRepaymentCommand } from '../commands/loans/receive-repayment/receive-repayment.command';
import { LedgerCommandsModule } from '../commands/ledger-commands.module';
import { bankOfficer, context, disbursedLoan, GatedEventStore } from '../commands/ledger-commands.harness.test';
import { openSnapshotStore } from './open-snapshot-store';
import { SnapshotsModule } from './snapshots.module';
import { snapshotDigest, Snapshots } from './snapshots';
import type { Snapshot, SnapshotStore } from './snapshot-store';
import { commandOf, originationOf, outcome, type Move } from './testing/random-loan-history';

const KINDS = ['SQLite', 'PostgreSQL'] as const;
const cause = { correlationId: 'corr-1', causationId: null };
const terms = { principalFen: 50_000_000, termMonths: 12, bullet: false, rateBps: 1200 };

/** Every readStream call's options, to see where a load started reading. */
class ReadSpy {
  readonly reads: (ReadStreamOptions | undefined)[] = [];
  readonly store: EventStore;

  constructor(inner: EventStore) {
    this.store = new Proxy(inner, {
      get: (target, key) =>
        key === 'readStream'
          ? (streamId: string, options?: ReadStreamOptions) => {
              this.reads.push(options);
              return target.readStream(streamId, options);
            }
          : (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target),
    });
  }
}

/**
 * JSON with bigints marked and object keys sorted, to compare states exactly. Sorted, because the
 * event store keeps payloads as canonical JSON (keys in canonical order), so a fold of events read
 * back and the state kept after an append (evolved from the events as decided) may hold the same
 * fields in another order, which means nothing in a state.
 */
const exactly = (state: unknown): string =>
  JSON.stringify(state, (_key, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });

describe.each(KINDS)('snapshots on %s', (kind) => {
  let dir: string;
  let schema: TestSchema | undefined;
  let readStoreUrl: string;
  let events: EventStore;
  let store: SnapshotStore;
  let problems: string[];
  let snapshots: Snapshots;

  /** Rewrites a stored snapshot's text (and digest, when given) behind the application's back. */
  async function tamper(streamId: string, state: string, digest?: string): Promise<void> {
    if (kind === 'SQLite') {
      const db = new Database(path.join(dir, 'read.db'));
      db.prepare('UPDATE aggregate_snapshots SET state = ?, digest = coalesce(?, digest) WHERE stream_id = ?').run(
        state,
        digest ?? null,
        streamId,
      );
      db.close();
    } else {
      const pool = new Pool({ connectionString: schema!.url });
      await pool.query(
        `UPDATE "${schema!.schema}".aggregate_snapshots SET state = $1, digest = coalesce($2, digest) WHERE stream_id = $3`,
        [state, digest ?? null, streamId],
      );
      await pool.end();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-snapshots-'));
    if (kind === 'SQLite') {
      events = await SqliteEventStore.open(path.join(dir, 'events.db'));
      readStoreUrl = `sqlite:${path.join(dir, 'read.db')}`;
    } else {
      schema = await createTestSchema();
      events = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema, listen: false });
      readStoreUrl = `${schema.url}?schema=${schema.schema}`;
    }
    store = await openSnapshotStore(readStoreUrl);
  });
  /** Snapshots as another process (or this one after a restart) sees them: nothing kept in memory. */
  const fresh = (): Snapshots => new Snapshots(store, { every: 5, onProblem: (message) => problems.push(message) });
  beforeEach(() => {
    problems = [];
    snapshots = fresh();
  });
  afterAll(async () => {
    await store?.close();
    await events?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A loan disbursed and repaid `repayments` times through executeCommand, each snapshot write awaited. */
  async function loanWith(repayments: number, using: Snapshots | null = snapshots): Promise<string> {
    const streamId = loanStreamId(randomUUID());
    const run = async (command: LoanCommand) => {
      await executeCommand(events, loanDecider, streamId, command, cause, { snapshots: using });
      await using?.flush();
    };
    await run(originationOf(terms));
    await run(commandOf({ kind: 'secure' }, '2025-01-11', loanDecider.initialState));
    await run(commandOf({ kind: 'disburse' }, '2025-01-15', loanDecider.initialState));
    for (let i = 0; i < repayments; i++) {
      await run(
        commandOf(
          { kind: 'repay', days: 0, fen: 10_000 + i },
          `2025-02-${String(1 + i).padStart(2, '0')}`,
          loanDecider.initialState,
        ),
      );
    }
    return streamId;
  }

  const snapshot = (state: string, overrides: Partial<Snapshot> = {}): Snapshot => ({
    revision: 3,
    stateVersion: 1,
    eventId: 'event-3',
    state,
    digest: snapshotDigest(state),
    ...overrides,
  });

  it('stores one snapshot per stream, keeping the newest of a stateVersion and replacing another version', async () => {
    const streamId = `loan-${randomUUID()}`;
    expect(await store.get(streamId)).toBeNull();
    await store.put(streamId, snapshot('"seven"', { revision: 7 }));
    await store.put(streamId, snapshot('"three"', { revision: 3 }));
    expect(await store.get(streamId)).toEqual(snapshot('"seven"', { revision: 7 }));
    await store.put(streamId, snapshot('"two, v2"', { revision: 2, stateVersion: 2 }));
    expect(await store.get(streamId)).toEqual(snapshot('"two, v2"', { revision: 2, stateVersion: 2 }));
  });

  it('writes a snapshot every 5 events after the appends, and a load reads only the events after it', async () => {
    const streamId = await loanWith(12); // revisions 0..14: snapshots written at 4, 9 and 14
    const kept = await store.get(streamId);
    const stored = await events.readStream(streamId);
    expect(kept).toMatchObject({ revision: 14, stateVersion: 1, eventId: stored[14].metadata.eventId });

    await executeCommand(
      events,
      loanDecider,
      streamId,
      commandOf({ kind: 'repay', days: 0, fen: 500 }, '2025-03-01', loanDecider.initialState),
      cause,
      { snapshots },
    );
    const spy = new ReadSpy(events);
    const fromSnapshot = await loadAggregate(spy.store, loanDecider, streamId, snapshots);
    // This process kept the state after its own append (revision 15); another one starts from the stored snapshot.
    expect(spy.reads).toEqual([{ fromRevision: 15 }]);
    const elsewhere = new ReadSpy(events);
    expect(exactly((await loadAggregate(elsewhere.store, loanDecider, streamId, fresh())).state)).toBe(
      exactly(fromSnapshot.state),
    );
    expect(elsewhere.reads).toEqual([{ fromRevision: 14 }]);
    const whole = await loadAggregate(events, loanDecider, streamId);
    expect(fromSnapshot.revision).toBe(15);
    expect(exactly(fromSnapshot.state)).toBe(exactly(whole.state));
    expect(problems).toEqual([]);
  });

  it('keeps the state after its own append in memory: the next load reads only the last event, none stored yet', async () => {
    const streamId = await loanWith(1); // revisions 0..3: under one interval, so no snapshot stored
    expect(await store.get(streamId)).toBeNull();
    const spy = new ReadSpy(events);
    const fromMemory = await loadAggregate(spy.store, loanDecider, streamId, snapshots);
    expect(spy.reads).toEqual([{ fromRevision: 3 }]);
    const whole = await loadAggregate(events, loanDecider, streamId);
    expect(fromMemory.revision).toBe(3);
    expect(exactly(fromMemory.state)).toBe(exactly(whole.state));
  });

  it('decides exactly as the full fold does, refusals included, from memory and from the store', async () => {
    const streamId = await loanWith(7);
    const whole = (await loadAggregate(events, loanDecider, streamId)).state;
    const moves: Move[] = [
      { kind: 'repay', days: 0, fen: 1_000 },
      { kind: 'repay', days: 0, fen: 2_000_000_000 },
      { kind: 'default', days: 0 },
      { kind: 'assess', days: 0 },
      { kind: 'settle', days: 0 },
    ];
    for (const using of [snapshots, fresh()]) {
      const fromSnapshot = await loadAggregate(events, loanDecider, streamId, using);
      expect(fromSnapshot.revision).toBe(9);
      for (const move of moves) {
        const command = commandOf(move, '2025-06-30', whole);
        expect(outcome(command, fromSnapshot.state)).toEqual(outcome(command, whole));
      }
    }
  });

  it('ignores a snapshot of another stateVersion, folds the whole stream, and writes a current one', async () => {
    const streamId = await loanWith(7, null);
    await store.put(streamId, snapshot('{"written":"by an older evolve"}', { revision: 9, stateVersion: 0 }));
    const spy = new ReadSpy(events);
    const loaded = await loadAggregate(spy.store, loanDecider, streamId, snapshots);
    expect(spy.reads).toEqual([undefined]);
    expect(exactly(loaded.state)).toBe(exactly((await loadAggregate(events, loanDecider, streamId)).state));
    await executeCommand(
      events,
      loanDecider,
      streamId,
      commandOf({ kind: 'repay', days: 0, fen: 500 }, '2025-03-01', loanDecider.initialState),
      cause,
      { snapshots },
    );
    await snapshots.flush();
    expect(await store.get(streamId)).toMatchObject({ revision: 10, stateVersion: 1 });
    expect(problems).toEqual([]);
  });

  it('ignores a damaged row, and one whose text the codec refuses, and says so', async () => {
    const streamId = await loanWith(7);
    const whole = exactly((await loadAggregate(events, loanDecider, streamId)).state);
    const good = (await store.get(streamId))!;

    await tamper(streamId, good.state.replace('"50000000"', '"90000000"'));
    expect(exactly((await loadAggregate(events, loanDecider, streamId, fresh())).state)).toBe(whole);
    expect(problems).toEqual([
      expect.stringMatching(/^Snapshot of loan-.* at revision 9 is damaged \(digest\), ignored$/),
    ]);

    const refused = JSON.stringify({ ...JSON.parse(good.state), status: 'frozen' });
    await tamper(streamId, refused, snapshotDigest(refused));
    expect(exactly((await loadAggregate(events, loanDecider, streamId, fresh())).state)).toBe(whole);
    expect(problems[1]).toMatch(
      /at revision 9 cannot be decoded, ignored: SnapshotDecodeError: status: expected one of/,
    );

    await tamper(streamId, '{"status":', snapshotDigest('{"status":'));
    expect(exactly((await loadAggregate(events, loanDecider, streamId, fresh())).state)).toBe(whole);
    expect(problems[2]).toMatch(/cannot be decoded, ignored: SyntaxError/);
  });

  it('ignores a snapshot of another history under the same stream id (the event at its revision differs)', async () => {
    const streamId = await loanWith(7, null);
    const other = await loanWith(7);
    const theirs = (await store.get(other))!;
    await store.put(streamId, theirs);
    const loaded = await loadAggregate(events, loanDecider, streamId, fresh());
    expect(exactly(loaded.state)).toBe(exactly((await loadAggregate(events, loanDecider, streamId)).state));
    const ahead = await loanWith(2, null); // 5 events: a snapshot at revision 9 is past its end
    await store.put(ahead, theirs);
    expect(exactly((await loadAggregate(events, loanDecider, ahead, fresh())).state)).toBe(
      exactly((await loadAggregate(events, loanDecider, ahead)).state),
    );
  });

  it('a snapshot that cannot be read or written never fails the command', async () => {
    const broken: SnapshotStore = {
      get: () => Promise.reject(new Error('snapshot table gone')),
      put: () => Promise.reject(new Error('disk full')),
      close: async () => undefined,
    };
    const failing = new Snapshots(broken, { every: 1, onProblem: (message) => problems.push(message) });
    const streamId = await loanWith(1, failing);
    const state = (await loadAggregate(events, loanDecider, streamId)).state as LoanState;
    expect(state.status).toBe('active');
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^Snapshot of loan-.* could not be read, folding the whole stream: Error: snapshot table gone$/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^Snapshot of loan-.* at revision 3 not written: Error: disk full$/),
    );
  });

  it('reaches the command handlers through SnapshotsModule (SNAPSHOTS), and is off with every = 0', async () => {
    for (const every of [3, 0]) {
      const app = await NestFactory.createApplicationContext(
        {
          module: class SnapshotWiring {},
          imports: [
            LedgerCommandsModule.forRoot({
              store: new GatedEventStore(events),
              clock: { now: () => '2026-07-01T08:30:00.000Z' },
            }),
            SnapshotsModule.forRoot({ readStoreUrl, every }),
          ],
        },
        { logger: false },
      );
      const bus = app.get(CommandBus);
      const ledger = {
        store: new GatedEventStore(events),
        run: (c: never) => bus.execute(c),
        events: (s: string) => events.readStream(s),
        close: async () => undefined,
      };
      const { loanId, bankId } = await disbursedLoan(ledger as never);
      await bus.execute(
        new ReceiveRepaymentCommand(
          { loanId, amount: '100.00', valueDate: '2026-02-01' },
          context(bankOfficer(bankId)),
        ),
      );
      await app.close(); // waits for the snapshot writes under way
      // every 3: written at revision 2 (the disbursement), or at 3 when the repayment was decided
      // before that write landed (it is fire-and-forget).
      const kept = await store.get(loanStreamId(loanId));
      if (every === 0) expect(kept).toBeNull();
      else expect([2, 3]).toContain(kept?.revision);
    }
  });
});
