import { comparePositions, type After, type AllSubscription, type EventStore } from '@pledge-ledger/event-store';
import type { CheckpointStore } from '../checkpoints/checkpoint-store';
import type { ProcessManager } from './process-manager';

export interface RunnerOptions {
  /** Save the checkpoint after this many unhandled events (handled ones are saved at once). */
  readonly checkpointEvery?: number;
  /** First and maximum delay before retrying an event whose handling failed unexpectedly. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown, manager: string) => void;
}

/**
 * Runs one process manager from its checkpoint: catches up, then follows live events. An
 * unexpected failure (store down) retries the same event with backoff and never advances the
 * checkpoint past it, so nothing is skipped; deliveries after a crash are absorbed by idempotency.
 */
export class ProcessManagerRunner {
  private subscription: AllSubscription | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private position: After = 'start';
  private readonly listeners = new Set<() => void>();

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

  async start(): Promise<void> {
    this.position = await this.checkpoints.load(this.manager.name);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
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
            await this.handleWithRetry(event);
            if (this.stopped) return;
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
        }
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error, this.manager.name);
        await this.subscription.close().catch(() => undefined);
        await delay(this.options.retryDelayMs ?? 100);
      }
    }
  }

  private async handleWithRetry(event: Parameters<ProcessManager['handle']>[0]): Promise<void> {
    let wait = this.options.retryDelayMs ?? 100;
    for (;;) {
      try {
        await this.manager.handle(event);
        return;
      } catch (error) {
        this.options.onError?.(error, this.manager.name);
        if (this.stopped) return;
        await delay(wait);
        wait = Math.min(wait * 2, this.options.maxRetryDelayMs ?? 5_000);
      }
    }
  }

  private advance(position: After): void {
    this.position = position;
    for (const listener of [...this.listeners]) listener();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
