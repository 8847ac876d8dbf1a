/**
 * Test support for the process managers (kept out of the library build): a real SQLite file or a
 * fresh PostgreSQL schema, the ledger's command handlers on a Nest CommandBus, and the process
 * managers running in the background from a checkpoint store that a test can "crash" (freeze).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor, Decider, DomainEvent, Command } from '@pledge-ledger/domain';
import type { After, EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { comparePositions, PostgresEventStore, SqliteEventStore, START } from '@pledge-ledger/event-store';
import { createTestSchema } from '../../../../../test/support/postgres';
import { loadAggregate, type CommandResult } from '../../aggregate-stream';
import type { CheckpointStore } from '../../checkpoints/checkpoint-store';
import { PostgresCheckpointStore } from '../../checkpoints/postgres-checkpoint-store';
import { SqliteCheckpointStore } from '../../checkpoints/sqlite-checkpoint-store';
import type { LedgerCommand } from '../../commands/ledger-command';
import { LedgerCommandsModule } from '../../commands/ledger-commands.module';
import type { RequestContext } from '../../commands/request-context';
import { CLOCK, EVENT_STORE, type Clock } from '../../tokens';
import type { ProcessManager } from '../process-manager';
import { ProcessManagerRunner } from '../process-manager-runner';
import { ProcessManagers, ProcessManagersModule } from '../process-managers.module';

export const STORE_KINDS = ['SQLite', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const NOW = '2026-07-01T08:30:00.000Z';
const fixedClock: Clock = { now: () => NOW };

/** A checkpoint store whose saves can be dropped from some moment on: the process "crashed" then. */
export class FreezableCheckpointStore implements CheckpointStore {
  private frozen = false;

  constructor(private readonly inner: CheckpointStore) {}

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
  }

  load(consumer: string): Promise<After> {
    return this.inner.load(consumer);
  }

  async save(consumer: string, position: After): Promise<void> {
    if (!this.frozen) await this.inner.save(consumer, position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export interface LedgerStores {
  readonly kind: StoreKind;
  readonly store: EventStore;
  readonly checkpoints: FreezableCheckpointStore;
  close(): Promise<void>;
}

export async function openLedgerStores(kind: StoreKind): Promise<LedgerStores> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'process-managers-'));
    const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
    const checkpoints = new FreezableCheckpointStore(SqliteCheckpointStore.open(path.join(dir, 'read.db')));
    return {
      kind,
      store,
      checkpoints,
      close: async () => {
        await checkpoints.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema });
  const checkpoints = new FreezableCheckpointStore(await PostgresCheckpointStore.open(schema.url, schema.schema));
  return {
    kind,
    store,
    checkpoints,
    close: async () => {
      await checkpoints.close();
      await store.close();
      await schema.drop();
    },
  };
}

@Global()
@Module({})
class TestInfrastructureModule {
  static forRoot(store: EventStore): DynamicModule {
    return {
      module: TestInfrastructureModule,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: fixedClock },
      ],
      exports: [EVENT_STORE, CLOCK],
    };
  }
}

@Module({})
class TestLedgerModule {}

/** The ledger as an application: commands on the bus and, unless told otherwise, the process managers running. */
export interface LedgerApp {
  readonly bus: CommandBus;
  /** Null when booted without process managers. */
  readonly managers: ProcessManagers | null;
  /** Failures the runners reported (domain refusals they skipped, retried errors). */
  readonly errors: unknown[];
  run(command: LedgerCommand<unknown>): Promise<CommandResult>;
  /** Waits until every process manager has handled every event, its own included. */
  settle(): Promise<void>;
  /** Graceful shutdown: the runners stop and store their checkpoints. */
  close(): Promise<void>;
}

export async function bootLedger(
  stores: LedgerStores,
  options: { processManagers?: boolean } = {},
): Promise<LedgerApp> {
  const errors: unknown[] = [];
  const withManagers = options.processManagers ?? true;
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    {
      module: TestLedgerModule,
      imports: [
        TestInfrastructureModule.forRoot(stores.store),
        LedgerCommandsModule,
        ...(withManagers
          ? [
              ProcessManagersModule.forRoot({
                checkpoints: stores.checkpoints,
                runner: { retryDelayMs: 20, maxRetryDelayMs: 200, onError: (error) => errors.push(error) },
              }),
            ]
          : []),
      ],
    },
    { logger: false },
  );
  const bus = app.get(CommandBus);
  const managers = withManagers ? app.get(ProcessManagers) : null;
  return {
    bus,
    managers,
    errors,
    run: (command) => bus.execute(command),
    settle: async () => {
      if (!managers) throw new Error('booted without process managers');
      await managers.waitUntilIdle(20_000);
    },
    close: () => app.close(),
  };
}

/**
 * Runs `manager` over the whole feed from START with a throwaway checkpoint until it has handled
 * every event (those it caused itself included), then stops it. Returns the failures it reported.
 */
export async function runFromStart(store: EventStore, manager: ProcessManager): Promise<unknown[]> {
  const errors: unknown[] = [];
  const checkpoints = SqliteCheckpointStore.open(':memory:');
  const runner = new ProcessManagerRunner(store, checkpoints, manager, {
    retryDelayMs: 20,
    onError: (error) => errors.push(error),
  });
  await runner.start();
  let head = await store.headPosition();
  for (;;) {
    await runner.waitFor(head, 20_000);
    const next = await store.headPosition();
    if (comparePositions(next, head) === 0) break;
    head = next;
  }
  await runner.stop();
  await checkpoints.close();
  return errors;
}

/** A CommandBus that records every command it is given before executing it. */
export function recordingBus(bus: CommandBus): { bus: CommandBus; issued: LedgerCommand<unknown>[] } {
  const issued: LedgerCommand<unknown>[] = [];
  const recording = {
    execute: (command: LedgerCommand<unknown>) => {
      issued.push(command);
      return bus.execute(command);
    },
  };
  return { bus: recording as unknown as CommandBus, issued };
}

/** The commands as [class name, data] pairs, for readable expectations. */
export function described(commands: readonly LedgerCommand<unknown>[]): [string, unknown][] {
  return commands.map((command) => [command.constructor.name, command.data]);
}

export async function stateOf<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
): Promise<S> {
  return (await loadAggregate(store, decider, streamId)).state;
}

/** How many events of each type are in the stream. */
export async function countByType(store: EventStore, streamId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await store.readStream(streamId)) counts[event.type] = (counts[event.type] ?? 0) + 1;
  return counts;
}

/** How many events of each type are in the whole store. */
export async function countAllByType(store: EventStore): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let after: After = START;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ after, maxCount: 500 });
    if (page.length === 0) return counts;
    for (const event of page) counts[event.type] = (counts[event.type] ?? 0) + 1;
    after = page[page.length - 1].position;
  }
}

export const admin: Actor = { sub: 'admin-1', role: 'admin' };
export const fm1: Actor = { sub: 'fm-1', role: 'fund-manager' };
export const fm2: Actor = { sub: 'fm-2', role: 'fund-manager' };
export const bankOfficer = (bankId: string): Actor => ({ sub: `officer-of-${bankId}`, role: 'bank', bankId });

let sequence = 0;
export function as(actor: Actor): RequestContext {
  return { actor, correlationId: `corr-${++sequence}`, causationId: null };
}
