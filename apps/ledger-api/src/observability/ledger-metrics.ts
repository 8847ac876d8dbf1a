import { DomainError } from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import { MetricsRegistry, type Counter, type Gauge, type Histogram } from './metrics-registry';

/** How a command ended: decided (with or without events), refused by the domain, beaten by a concurrent write, failed. */
export type CommandOutcome = 'ok' | 'refused' | 'conflict' | 'error';

export function commandOutcome(error: unknown): CommandOutcome {
  if (error instanceof DomainError) return 'refused';
  if (error instanceof ConcurrencyError) return 'conflict';
  return 'error';
}

/** Every metric the API exposes at GET /metrics (README "Operations"). One instance per application. */
export class LedgerMetrics {
  readonly registry = new MetricsRegistry();

  readonly commandDuration: Histogram = this.registry.histogram({
    name: 'ledger_command_duration_seconds',
    help: 'Time to execute a command on the CommandBus (load, decide, append), by command and outcome.',
    labelNames: ['command', 'outcome'],
  });

  readonly eventsAppended: Counter = this.registry.counter({
    name: 'ledger_events_appended_total',
    help: 'Events appended by the commands this process executed, by event type.',
    labelNames: ['type'],
  });

  readonly httpDuration: Histogram = this.registry.histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
  });

  readonly projectionLag: Gauge = this.registry.gauge({
    name: 'ledger_projection_lag_events',
    help: 'Events in the store after the projection checkpoint (on EventStoreDB: counted by a bounded read, at most 1000).',
    labelNames: ['projection'],
  });

  readonly projectionCaughtUp: Gauge = this.registry.gauge({
    name: 'ledger_projection_caught_up',
    help: '1 when the projection checkpoint is at the head of the store, else 0.',
    labelNames: ['projection'],
  });

  readonly processManagerBacklog: Gauge = this.registry.gauge({
    name: 'ledger_process_manager_backlog_events',
    help: 'Events in the store after the process manager position (on EventStoreDB: counted by a bounded read, at most 1000).',
    labelNames: ['manager'],
  });

  readonly processManagerCaughtUp: Gauge = this.registry.gauge({
    name: 'ledger_process_manager_caught_up',
    help: '1 when the process manager has handled every event in the store, else 0.',
    labelNames: ['manager'],
  });

  readonly collectorErrors: Counter = this.registry.counter({
    name: 'ledger_metrics_collector_errors_total',
    help: 'Scrapes whose lag and backlog could not be computed (the event store or read store did not answer).',
  });

  /** Records one command execution: its duration, and the events it appended when it succeeded. */
  recordCommand(command: string, seconds: number, outcome: CommandOutcome, result?: unknown): void {
    this.commandDuration.observe({ command, outcome }, seconds);
    if (outcome !== 'ok') return;
    const events = (result as { events?: unknown } | null | undefined)?.events;
    if (!Array.isArray(events)) return;
    // A result with events but no position decided nothing new (events is then empty anyway).
    if ((result as { position?: unknown }).position === null) return;
    for (const event of events as { type?: unknown }[]) {
      this.eventsAppended.inc({ type: typeof event?.type === 'string' ? event.type : 'unknown' });
    }
  }
}
