import { DomainError } from '@pledge-ledger/domain';
import {
  comparePositions,
  type After,
  type AllSubscription,
  type EventStore,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import type { CheckpointStore } from '../checkpoints/checkpoint-store';
import type { ProcessManager } from './process-manager';

export interface RunnerOptions {
  /** Save the checkpoint after this many unhandled events (handled ones are saved at once). */
  readonly checkpointEvery?: number;
  /** First and maximum delay before retrying an event whose handling failed unexpectedly. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /**
   * Told of every failure: an unexpected one (retried) and a domain refusal (skipped, see
   * `ProcessManagerRunner`). `event` is the one being handled, when there is one.
   */
  readonly onError?: (error: unknown, manager: string, event?: RecordedEvent) => void;
}

/**
 * Runs one process manager from its checkpoint: catches up, then follows live events. An
 * unexpected failure (store down, a concurrent write) retries the same event with backoff and never
 * advances the checkpoint past it, so nothing is skipped; deliveries after a crash are absorbed by
 * idempotency. A DomainError escaping `handle` is a refusal that deciding again on the same event
 * cannot change: it is reported through `onError` and the runner moves on rather than stall the flow
 * of every other loan behind it (managers catch the refusals they have an answer for themselves).
 */
export class ProcessManagerRunner {
  private subscription: AllSubscription | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private position: After = 'start';
  private readonly listeners = new Set<() => void>();
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    readonly manager: ProcessManager,
    private readonly options: RunnerOptions = {},
  ) {}

  /** Position of the last event this runner has fully handled. */
  get checkpoint(): After {
    return this.position;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopped = false;
    this.position = await this.checkpoints.load(this.manager.name);
    this.loop = this.run();
  }

  /** Graceful: lets the event in hand finish (or abandons its retry), then stores the checkpoint. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
    await this.checkpoints.save(this.manager.name, this.position);
  }

  /** Resolves once the runner has handled everything up to `position` (for tests and read-your-writes). */
  async waitFor(position: After, timeoutMs = 10_000): Promise<void> {
    if (comparePositions(this.position, position) >= 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`${this.manager.name} did not reach the position within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (): void => {
        if (comparePositions(this.position, position) >= 0) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve();
        }
      };
      this.listeners.add(check);
    });
  }

  private async run(): Promise<void> {
    const every = this.options.checkpointEvery ?? 100;
    let unsaved = 0;
    while (!this.stopped) {
      this.subscription = this.store.subscribeToAll({ after: this.position });
      try {
        for await (const event of this.subscription) {
          if (this.manager.handles.has(event.type)) {
            const handled = await this.handleWithRetry(event);
            if (!handled) return;
            this.advance(event.position);
            await this.checkpoints.save(this.manager.name, this.position);
            unsaved = 0;
          } else {
            this.advance(event.position);
            if (++unsaved >= every) {
              await this.checkpoints.save(this.manager.name, this.position);
              unsaved = 0;
            }
          }
          if (this.stopped) return;
        }
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error, this.manager.name);
        await this.subscription.close().catch(() => undefined);
        await this.sleep(this.options.retryDelayMs ?? 100);
      }
    }
  }

  /** True once the event is dealt with (handled, or refused by the domain); false when stopped first. */
  private async handleWithRetry(event: RecordedEvent): Promise<boolean> {
    let wait = this.options.retryDelayMs ?? 100;
    for (;;) {
      try {
        await this.manager.handle(event);
        return true;
      } catch (error) {
        this.options.onError?.(error, this.manager.name, event);
        if (error instanceof DomainError) return true;
        if (this.stopped) return false;
        await this.sleep(wait);
        if (this.stopped) return false;
        wait = Math.min(wait * 2, this.options.maxRetryDelayMs ?? 5_000);
      }
    }
  }

  private advance(position: After): void {
    this.position = position;
    for (const listener of [...this.listeners]) listener();
  }

  /** A delay that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      this.wake = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
