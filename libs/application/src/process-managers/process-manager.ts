import type { RecordedEvent } from '@pledge-ledger/event-store';

/**
 * A flow across aggregates driven by the durable global feed. `handle` must be idempotent:
 * the runner may deliver an event again after a crash (its checkpoint lags the work), so every
 * command it issues must be one the deciders accept twice without a second effect. It reads the
 * aggregates' current state, not the state as of the event, so a re-delivery finds the work done.
 *
 * Failures: anything but a DomainError is retried on the same event (the runner never moves past
 * it); a DomainError escaping `handle` is reported and skipped, so a manager catches the refusals
 * it has an answer for (a refused pledge, a payment the fund refuses) and answers them with events.
 */
export interface ProcessManager {
  /** Unique, stable: it names the checkpoint. */
  readonly name: string;
  /** Event types this process manager reacts to; others only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  handle(event: RecordedEvent): Promise<void>;
}
