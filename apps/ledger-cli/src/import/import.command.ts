import type { EventStore, NewEvent } from '@pledge-ledger/event-store';
import { formatPosition, readAllEvents, START, verifyChains } from '@pledge-ledger/event-store';
import { CliError, EXIT } from '../cli-error';
import type { CommandOutput } from '../command-output';
import type { StoreKind } from '../export/export-format';
import { toJson } from '../json-output';
import { readExportFile, type FileEvent, type FileSummary } from './export-file-reader';

/** Consecutive events of one stream go in one append, up to this many (EventStoreDB caps an append's size). */
const MAX_BATCH = 100;

/**
 * `ledger import --in file`: an export into an EMPTY store of any adapter, in three passes over
 * the file so memory stays flat: (1) check every line, the trailer's counts and every hash chain,
 * writing nothing; (2) append each stream's events with the exact expected revision; (3) read the
 * store back in global order and check each event's hash equals the exported one (the same
 * content at the same revision has the same hash on every adapter; positions may differ).
 */
export async function importCommand(
  store: EventStore,
  target: StoreKind,
  file: string,
  json: boolean,
): Promise<CommandOutput> {
  const head = await store.headPosition();
  if (head !== START) {
    throw new CliError(
      `the target store is not empty (its newest event is at position ${formatPosition(head)}): import writes only into an empty store; nothing was written`,
    );
  }
  const { events, streams } = await checkFile(file);
  await appendAll(store, file);
  await checkReadBack(store, file);
  const summary = { events, streams, target };
  return {
    exitCode: EXIT.ok,
    text: json
      ? toJson(summary)
      : `imported ${events} events in ${streams} streams into ${target}; every hash read back equals the export's`,
  };
}

async function checkFile(file: string): Promise<{ events: number; streams: number }> {
  const summary: FileSummary = { header: null, trailer: null, events: 0 };
  const result = await verifyChains(readExportFile(file, summary));
  const link = result.firstBrokenLink;
  if (link) {
    const position = link.position ? formatPosition(link.position) : '?';
    throw new CliError(
      `${file}: the hash chain is broken at stream ${link.streamId} revision ${link.revision} (exported at position ${position}): ` +
        `expected ${link.reason} ${link.expected}, found ${link.found}; nothing was written`,
      EXIT.dataError,
    );
  }
  const trailer = summary.trailer!;
  if (trailer.events !== result.eventsChecked || trailer.streams !== result.streamsChecked) {
    throw new CliError(
      `${file}: the trailer says ${trailer.events} events in ${trailer.streams} streams, the file holds ` +
        `${result.eventsChecked} in ${result.streamsChecked}; nothing was written`,
      EXIT.dataError,
    );
  }
  return { events: result.eventsChecked, streams: result.streamsChecked };
}

async function appendAll(store: EventStore, file: string): Promise<void> {
  let batch: FileEvent[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const first = batch[0];
    const newEvents: NewEvent[] = batch.map(({ type, data, metadata }) => ({ type, data, metadata }));
    await store.append(first.streamId, newEvents, first.revision === 0 ? 'no-stream' : first.revision - 1);
    batch = [];
  };
  for await (const event of readExportFile(file, { header: null, trailer: null, events: 0 })) {
    if (batch.length === MAX_BATCH || (batch.length > 0 && batch[0].streamId !== event.streamId)) await flush();
    batch.push(event);
  }
  await flush();
}

async function checkReadBack(store: EventStore, file: string): Promise<void> {
  const stored = readAllEvents(store);
  for await (const exported of readExportFile(file, { header: null, trailer: null, events: 0 })) {
    const next = await stored.next();
    const where = `stream ${exported.streamId} revision ${exported.revision}`;
    if (next.done) throw new CliError(`import read back fewer events than it wrote: ${where} is missing`);
    const event = next.value;
    if (event.streamId !== exported.streamId || event.revision !== exported.revision || event.hash !== exported.hash) {
      throw new CliError(
        `import read back a different event for ${where}: stream ${event.streamId} revision ${event.revision} ` +
          `with hash ${event.hash} (exported ${exported.hash}); the store now holds the events written so far`,
      );
    }
  }
  const extra = await stored.next();
  if (!extra.done) {
    throw new CliError(
      `import read back more events than the file holds: ${extra.value.streamId} revision ${extra.value.revision}`,
    );
  }
}
