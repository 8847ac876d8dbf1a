import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { After, EventData, EventMetadata, Position } from '@pledge-ledger/event-store';
import { comparePositions, parsePosition, START } from '@pledge-ledger/event-store';
import { CliError, EXIT } from '../cli-error';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportHeader,
  type ExportTrailer,
  type StoreKind,
} from '../export/export-format';

/** One event of an export file, as import appends and verifies it. */
export interface FileEvent {
  readonly line: number;
  readonly position: Position;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

/** What the whole file said about itself, known once its events have all been read. */
export interface FileSummary {
  header: ExportHeader | null;
  trailer: ExportTrailer | null;
  events: number;
}

const HASH = /^[0-9a-f]{64}$/;
const SOURCES: readonly StoreKind[] = ['sqlite', 'postgres', 'esdb'];

/**
 * Reads an export file line by line (flat memory) and yields its events, checking the shape of
 * every line: a header first, events in strictly increasing position, a trailer last and nothing
 * after it. Any deviation is a CliError naming the line. `summary` is filled in as it goes.
 */
export async function* readExportFile(file: string, summary: FileSummary): AsyncGenerator<FileEvent> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`, EXIT.dataError);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let previous: After = START;
  try {
    for await (const text of lines) {
      lineNo += 1;
      if (text === '') continue;
      const bad = (why: string): CliError => new CliError(`${file} line ${lineNo}: ${why}`, EXIT.dataError);
      if (summary.trailer) throw bad('content after the trailer');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw bad('not JSON');
      }
      if (!isObject(value)) throw bad('not a JSON object');
      if (lineNo === 1) {
        summary.header = checkHeader(value, bad);
        continue;
      }
      if (value.kind === 'trailer') {
        summary.trailer = checkTrailer(value, bad);
        continue;
      }
      if (value.kind !== 'event') throw bad(`unknown line kind ${JSON.stringify(value.kind)}`);
      const event = checkEvent(value, lineNo, bad);
      if (comparePositions(previous, event.position) >= 0) throw bad('positions are not in increasing order');
      previous = event.position;
      summary.events += 1;
      yield event;
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (!summary.header) throw new CliError(`${file} is empty: not an export`, EXIT.dataError);
  if (!summary.trailer) throw new CliError(`${file} has no trailer: the export is incomplete`, EXIT.dataError);
}

type Bad = (why: string) => CliError;

function checkHeader(value: Record<string, unknown>, bad: Bad): ExportHeader {
  if (value.kind !== 'header' || value.format !== EXPORT_FORMAT) throw bad(`not a ${EXPORT_FORMAT} header`);
  if (value.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw bad(`format version ${JSON.stringify(value.formatVersion)}; this ledger reads ${EXPORT_FORMAT_VERSION}`);
  }
  if (typeof value.exportedAt !== 'string' || !SOURCES.includes(value.source as StoreKind)) {
    throw bad('header needs exportedAt and source (sqlite, postgres or esdb)');
  }
  return value as unknown as ExportHeader;
}

function checkTrailer(value: Record<string, unknown>, bad: Bad): ExportTrailer {
  if (!isCount(value.events) || !isCount(value.streams)) throw bad('trailer needs events and streams counts');
  return value as unknown as ExportTrailer;
}

function checkEvent(value: Record<string, unknown>, line: number, bad: Bad): FileEvent {
  const { position, streamId, revision, type, data, metadata, hash } = value;
  let parsed: After;
  try {
    parsed = parsePosition(String(position));
  } catch {
    throw bad(`position ${JSON.stringify(position)} is not a position`);
  }
  if (typeof position !== 'string' || parsed === START)
    throw bad(`position ${JSON.stringify(position)} is not a position`);
  if (typeof streamId !== 'string' || streamId === '') throw bad('streamId must be a non-empty string');
  if (!isCount(revision)) throw bad('revision must be a whole number from 0');
  if (typeof type !== 'string' || type === '') throw bad('type must be a non-empty string');
  if (!isObject(data) || !isObject(metadata)) throw bad('data and metadata must be JSON objects');
  if (typeof hash !== 'string' || !HASH.test(hash)) throw bad('hash must be 64 lowercase hex digits');
  return {
    line,
    position: parsed,
    streamId,
    revision,
    type,
    data: data as EventData,
    metadata: metadata as unknown as EventMetadata,
    hash,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
