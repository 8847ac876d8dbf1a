import {
  START,
  type After,
  type AllSubscription,
  type EventStore,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import type { ReadStore } from '../read-store/read-store';
import { applyBatch, type ProjectionTarget } from './apply-batch';
import { CheckpointMovedError, ensureCheckpoint, loadCheckpoint } from './projection-checkpoints';
import type { Projection } from './projection';
import { readBatches } from './read-batches';
import { Sleeper } from './sleeper';
import { waitForPosition, type PositionWaiters } from './wait-for-position';

export interface ProjectionRunnerOptions {
  /** Most events applied in one transaction. Default 500. */
  readonly batchSize?: number;
  /** First and longest delay before a failed batch is tried again. Defaults 100 and 5000 ms. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown, projection: string) => void;
}

/** What readiness checks look at: whether the runner's loop runs, and its last failure since it last committed. */
export interface ProjectionRunnerStatus {
  readonly running: boolean;
  /** The latest failure not yet followed by a committed batch; `at` in ms since the epoch. */
  readonly failure: { readonly error: string; readonly at: number } | null;
}

/**
 * Keeps one projection up to date: reads the global feed from its stored checkpoint, catches up in
 * batches, then follows live events. Each batch and its checkpoint commit in one transaction.
 * A failure retries the same batch with backoff and never moves past it; a checkpoint that moved
 * under the runner (another runner, a rebuild swapped in) makes it reload and go on from there.
 */
export class ProjectionRunner {
  private position: After = START;
  private loop: Promise<void> | null = null;
  private subscription: AllSubscription | null = null;
  private stopped = false;
  private reloadRequested = false;
  private pauseGate: { promise: Promise<void>; open: () => void } | null = null;
  private attempt: Promise<void> = Promise.resolve();
  private failure: ProjectionRunnerStatus['failure'] = null;
  private readonly sleeper = new Sleeper();
  private readonly waiters: PositionWaiters = new Set();
  private readonly target: ProjectionTarget;
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.target = { checkpoint: projection.name, tables: projection.tables };
    this.batchSize = options.batchSize ?? 500;
  }

  get name(): string {
    return this.projection.name;
  }

  /** Position of the last event whose batch is committed. */
  get checkpoint(): After {
    return this.position;
  }

  get status(): ProjectionRunnerStatus {
    return { running: this.loop !== null && !this.stopped, failure: this.failure };
  }

  async start(): Promise<void> {
    this.moveTo(await this.loadStoredCheckpoint());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pauseGate?.open();
    this.sleeper.wake();
    await this.subscription?.close();
    await this.loop;
  }

  /** Resolves once every event up to `position` is in this projection's committed rows. */
  waitFor(position: After, timeoutMs: number): Promise<void> {
    return waitForPosition(this.waiters, () => this.position, position, timeoutMs, this.name);
  }

  /** Holds the runner between batches; resolves once no batch is being written. */
  async pause(): Promise<void> {
    if (!this.pauseGate) {
      let open = (): void => undefined;
      const promise = new Promise<void>((resolve) => (open = resolve));
      this.pauseGate = { promise, open };
    }
    await this.attempt;
  }

  /** Lets it go on from the checkpoint stored now, which a rebuild may have moved. */
  resume(): void {
    this.reloadRequested = true;
    const gate = this.pauseGate;
    this.pauseGate = null;
    gate?.open();
    void this.subscription?.close();
  }

  private async run(): Promise<void> {
    let wait = this.options.retryDelayMs ?? 100;
    while (!this.stopped) {
      try {
        if (this.reloadRequested) {
          this.reloadRequested = false;
          this.moveTo(await this.loadStoredCheckpoint());
        }
        await this.follow();
        wait = this.options.retryDelayMs ?? 100;
        // The feed ended by itself (the store closed it): do not spin on a store that keeps doing so.
        if (!this.stopped && !this.reloadRequested) await this.sleeper.sleep(wait);
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof CheckpointMovedError) {
          this.reloadRequested = true;
          continue;
        }
        // The feed or the read store failed: start over from the committed checkpoint.
        this.fail(error);
        await this.sleeper.sleep(wait);
        wait = Math.min(wait * 2, this.options.maxRetryDelayMs ?? 5_000);
      }
    }
  }

  private async follow(): Promise<void> {
    // Checked with no await before the subscription is stored: stop() and resume() close the
    // stored one, so a request that came in before it exists must be seen here.
    if (this.stopped || this.reloadRequested) return;
    const subscription = this.store.subscribeToAll({ after: this.position, batchSize: this.batchSize });
    this.subscription = subscription;
    const batches = readBatches(subscription, this.batchSize);
    let next = batches.next();
    try {
      for (;;) {
        const { value: batch, done } = await next;
        if (done) return;
        // Read the next batch while this one commits: the store and the read store work at once.
        next = batches.next();
        // A commit can retry for seconds (the read store down): a read failing meanwhile must not
        // be an unhandled rejection, which ends the process. The await above still sees it.
        next.catch(() => undefined);
        if (!(await this.commit(batch))) return;
      }
    } finally {
      // Closing the subscription below ends a read-ahead left pending; its outcome is not needed.
      next.catch(() => undefined);
      this.subscription = null;
      await subscription.close().catch(() => undefined);
    }
  }

  /** Applies the batch, retrying it until it commits; false when the runner must stop or reload instead. */
  private async commit(batch: readonly RecordedEvent[]): Promise<boolean> {
    let wait = this.options.retryDelayMs ?? 100;
    for (;;) {
      while (this.pauseGate) await this.pauseGate.promise;
      if (this.stopped || this.reloadRequested) return false;
      // No await between the gate check and this: `pause()` then always sees the batch in flight.
      const attempt = applyBatch(this.readStore, this.projection, this.target, this.position, batch);
      this.attempt = attempt.then(
        () => undefined,
        () => undefined,
      );
      try {
        this.moveTo(await attempt);
        this.failure = null;
        return true;
      } catch (error) {
        if (error instanceof CheckpointMovedError || this.stopped) throw error;
        this.fail(error);
        await this.sleeper.sleep(wait);
        wait = Math.min(wait * 2, this.options.maxRetryDelayMs ?? 5_000);
      }
    }
  }

  private fail(error: unknown): void {
    this.failure = { error: error instanceof Error ? error.message : String(error), at: Date.now() };
    this.options.onError?.(error, this.name);
  }

  private loadStoredCheckpoint(): Promise<After> {
    return this.readStore.transaction(async (manager) => {
      await ensureCheckpoint(manager, this.name);
      return loadCheckpoint(manager, this.name);
    });
  }

  private moveTo(position: After): void {
    this.position = position;
    for (const waiter of [...this.waiters]) waiter();
  }
}
