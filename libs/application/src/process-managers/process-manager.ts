import type { RecordedEvent } from '@pledge-ledger/event-store';

/**
 * A flow across aggregates driven by the durable global feed. `handle` must be idempotent:
 * the runner may deliver an event again after a crash (its checkpoint lags the work), so every
 * command it issues must be one the deciders accept twice without a second effect.
 */
export interface ProcessManager {
  /** Unique, stable: it names the checkpoint. */
  readonly name: string;
  /** Event types this process manager reacts to; others only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  handle(event: RecordedEvent): Promise<void>;
}
