import type { VerificationReport } from '@pledge-ledger/application';
import { verifyEventStore } from '@pledge-ledger/application';
import type { EventStore } from '@pledge-ledger/event-store';
import { EXIT } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';

/**
 * `ledger verify`: every stream's hash chain recomputed over the raw store up to its head
 * (libs/application's verifyEventStore, what POST /v1/audit/verifications runs). Exit 1 at the
 * first broken link.
 */
export async function verifyCommand(store: EventStore, json: boolean): Promise<CommandOutput> {
  const report = await verifyEventStore(store);
  return { exitCode: report.ok ? EXIT.ok : EXIT.failed, text: json ? toJson(report) : describe(report) };
}

function describe(report: VerificationReport): string {
  const link = report.firstBrokenLink;
  if (!link) return `ok: ${report.eventsChecked} events in ${report.streamsChecked} streams`;
  return (
    `broken: stream ${link.streamId} revision ${link.revision} at position ${link.position ?? 'unknown'}: ` +
    `expected ${link.reason} ${link.expected}, found ${link.found} (${report.eventsChecked} events before it verified)`
  );
}
