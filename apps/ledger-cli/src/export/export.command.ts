import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventStore } from '@pledge-ledger/event-store';
import { CliError } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';
import { readAllEvents } from '../read-all';
import { eventLine, headerLine, trailerLine, type StoreKind } from './export-format';

/**
 * `ledger export [--out file]`: every event in global order, streamed page by page, to a file or
 * stdout. Memory holds one page and the set of stream ids (for the trailer's count).
 */
export async function exportCommand(
  store: EventStore,
  source: StoreKind,
  out: string | undefined,
  json: boolean,
  now: () => Date = () => new Date(),
): Promise<CommandOutput> {
  const sink = out === undefined ? process.stdout : createWriteStream(out, { flags: 'wx' });
  if (out !== undefined) await opened(sink as WriteStream, out);
  const write = async (line: string): Promise<void> => {
    if (!sink.write(`${line}\n`)) await once(sink, 'drain');
  };
  const streams = new Set<string>();
  let events = 0;
  await write(headerLine(source, now().toISOString()));
  for await (const event of readAllEvents(store)) {
    await write(eventLine(event));
    streams.add(event.streamId);
    events += 1;
  }
  await write(trailerLine(events, streams.size));
  if (out === undefined) return { exitCode: 0, text: '' };
  await new Promise<void>((resolve, reject) =>
    (sink as WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const summary = { events, streams: streams.size, out };
  return {
    exitCode: 0,
    text: json ? toJson(summary) : `exported ${events} events in ${streams.size} streams to ${out}`,
  };
}

/** Opening fails early and clearly: an existing file is never overwritten. */
async function opened(stream: WriteStream, out: string): Promise<void> {
  try {
    await once(stream, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'EEXIST'
        ? `${out} already exists: export never overwrites a file`
        : `cannot write ${out}: ${code ?? error}`,
    );
  }
}
