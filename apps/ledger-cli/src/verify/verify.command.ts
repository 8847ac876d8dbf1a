import type { ChainVerification, EventStore } from '@pledge-ledger/event-store';
import { formatPosition, verifyChains } from '@pledge-ledger/event-store';
import { EXIT } from '../cli-error';
import { toJson } from '../json-output';
import { readAllEvents } from '../read-all';
import type { CommandOutput } from '../command-output';

/** `ledger verify`: recomputes every stream's hash chain over the whole store, in global order. */
export async function verifyCommand(store: EventStore, json: boolean): Promise<CommandOutput> {
  const result = await verifyChains(readAllEvents(store));
  return { exitCode: result.ok ? EXIT.ok : EXIT.failed, text: json ? toJson(asJson(result)) : describe(result) };
}

function asJson(result: ChainVerification): object {
  const link = result.firstBrokenLink;
  return {
    ok: result.ok,
    events: result.eventsChecked,
    streams: result.streamsChecked,
    lastPosition: result.lastPosition && formatPosition(result.lastPosition),
    firstBrokenLink: link && { ...link, position: link.position && formatPosition(link.position) },
  };
}

function describe(result: ChainVerification): string {
  const link = result.firstBrokenLink;
  if (!link) return `ok: ${result.eventsChecked} events in ${result.streamsChecked} streams`;
  const where = `stream ${link.streamId} revision ${link.revision} at position ${link.position ? formatPosition(link.position) : 'unknown'}`;
  const what = link.reason === 'hash' ? 'hash' : 'revision';
  return (
    `broken: ${where}: expected ${what} ${link.expected}, found ${link.found} ` +
    `(${result.eventsChecked} events before it verified)`
  );
}
