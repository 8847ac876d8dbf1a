import { createWriteStream, existsSync, linkSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { readAllEvents, type EventStore } from '@pledge-ledger/event-store';
import { CliError } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';
import { eventLine, headerLine, trailerLine, type StoreKind } from './export-format';

/**
 * `ledger export [--out file]`: every event in global order, streamed page by page, to a file or
 * stdout. Memory holds one page and the set of stream ids (for the trailer's count). A file is
 * written as `<file>.partial` and takes its name only once complete, so a failed export never
 * leaves a file that looks finished, and an existing file is never overwritten.
 */
export async function exportCommand(
  store: EventStore,
  source: StoreKind,
  out: string | undefined,
  json: boolean,
  now: () => Date = () => new Date(),
): Promise<CommandOutput> {
  if (out === undefined) {
    await writeExport(store, source, process.stdout, now);
    return { exitCode: 0, text: '' };
  }
  if (existsSync(out)) throw new CliError(`${out} already exists: export never overwrites a file`);
  const partial = `${out}.partial`;
  const file = createWriteStream(partial, { flags: 'wx' });
  await opened(file, partial);
  let counts;
  try {
    counts = await writeExport(store, source, file, now);
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    linkSync(partial, out); // fails rather than replace a file created meanwhile
  } catch (error) {
    file.destroy();
    throw error;
  } finally {
    rmSync(partial, { force: true });
  }
  const summary = { ...counts, out };
  return {
    exitCode: 0,
    text: json ? toJson(summary) : `exported ${counts.events} events in ${counts.streams} streams to ${out}`,
  };
}

async function writeExport(
  store: EventStore,
  source: StoreKind,
  sink: NodeJS.WritableStream,
  now: () => Date,
): Promise<{ events: number; streams: number }> {
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
  return { events, streams: streams.size };
}

/** Opening fails early and clearly. */
async function opened(stream: WriteStream, file: string): Promise<void> {
  try {
    await once(stream, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'EEXIST'
        ? `${file} already exists (another export running, or one that failed: remove it)`
        : `cannot write ${file}: ${code ?? error}`,
    );
  }
}
