import { randomUUID } from 'node:crypto';

/** A position in `$all`, ordered by commit then prepare, as EventStoreDB orders it. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent, LogPosition {
  readonly streamName: string;
  readonly revision: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata carries them. */
  readonly created: bigint;
}

export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'stream-exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: bigint; readonly position: LogPosition }
  | { readonly ok: false; readonly currentRevision: bigint | null };

// Byte costs of the records a transaction file writes. They only shape the positions, which
// grow by record sizes, so they are sparse. A single-event append gets commit = prepare, as on a
// current server. A multi-event append is laid out like an explicit transaction of the older log
// format: the prepares, then one commit record, so its events share a commit position that
// differs from each prepare position. Current servers give those events commit = prepare; the
// test server is deliberately the harder case, so nothing may assume the two are equal.
const PREPARE_HEADER_BYTES = 88n;
const COMMIT_RECORD_BYTES = 37n;
const TICKS_PER_MILLISECOND = 10_000n;

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * The whole store of the test server, in memory: one global log (`$all`) and, per stream, the
 * global indexes of its events. Appends run synchronously, so each one is atomic and the log is
 * always in position order.
 */
export class InMemoryLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly listeners = new Set<() => void>();
  private nextLogPosition = 1_536n;

  constructor(private readonly now: () => number = Date.now) {}

  get length(): number {
    return this.all.length;
  }

  at(index: number): StoredEvent {
    return this.all[index];
  }

  currentRevision(streamName: string): bigint | null {
    const indexes = this.streams.get(streamName);
    return indexes ? BigInt(indexes.length - 1) : null;
  }

  append(streamName: string, expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome {
    const currentRevision = this.currentRevision(streamName);
    if (!expectationHolds(expected, currentRevision)) return { ok: false, currentRevision };
    if (events.length === 0) {
      // The real server accepts an empty append as a no-op; there is nothing to position.
      return { ok: true, currentRevision: currentRevision ?? -1n, position: this.lastPosition() };
    }

    const prepares: bigint[] = [];
    let cursor = this.nextLogPosition;
    for (const event of events) {
      prepares.push(cursor);
      cursor += recordBytes(streamName, event);
    }
    const single = events.length === 1;
    const commit = single ? prepares[0] : cursor;
    this.nextLogPosition = single ? cursor : cursor + COMMIT_RECORD_BYTES;

    const indexes = this.streams.get(streamName) ?? [];
    const created = BigInt(this.now()) * TICKS_PER_MILLISECOND;
    let revision = currentRevision ?? -1n;
    events.forEach((event, i) => {
      revision += 1n;
      indexes.push(this.all.length);
      this.all.push({ ...event, streamName, revision, created, commit, prepare: prepares[i] });
    });
    this.streams.set(streamName, indexes);
    for (const listener of [...this.listeners]) listener();
    return { ok: true, currentRevision: revision, position: { commit, prepare: prepares[prepares.length - 1] } };
  }

  /** Events of one stream from `from` (inclusive; null = the end when backwards), at most `count`. */
  readStream(streamName: string, from: bigint | null, backwards: boolean, count: bigint): StoredEvent[] | null {
    const indexes = this.streams.get(streamName);
    if (!indexes) return null;
    const result: StoredEvent[] = [];
    const last = indexes.length - 1;
    if (backwards) {
      const start = from === null || from > BigInt(last) ? last : Number(from);
      for (let r = start; r >= 0 && BigInt(result.length) < count; r--) result.push(this.all[indexes[r]]);
    } else {
      const start = from ?? 0n;
      for (let r = start; r <= BigInt(last) && BigInt(result.length) < count; r++) {
        result.push(this.all[indexes[Number(r)]]);
      }
    }
    return result;
  }

  /** Index of the first event at or after `position` in `$all` (the log length when there is none). */
  indexAtOrAfter(position: LogPosition): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePositions(this.all[mid], position) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the events a fresh node writes on its own, so `$all` never starts with user events. */
  seedSystemEvents(): void {
    const json = (text: string): Uint8Array => new TextEncoder().encode(text);
    const systemEvent = (type: string, data: string): ProposedEvent => ({
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: json(data),
      customMetadata: new Uint8Array(),
    });
    this.append('$settings', { kind: 'any' }, [
      systemEvent('$settings', '{"$userStreamAcl":{"$r":"$all"},"$systemStreamAcl":{"$r":"$admins"}}'),
    ]);
    this.append('$scavenges', { kind: 'any' }, [systemEvent('$scavengeIndexInitialized', '{}')]);
  }

  private lastPosition(): LogPosition {
    const last = this.all[this.all.length - 1];
    return last ? { commit: last.commit, prepare: last.prepare } : { commit: 0n, prepare: 0n };
  }
}

function expectationHolds(expected: ExpectedState, current: bigint | null): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no-stream':
      return current === null;
    case 'stream-exists':
      return current !== null;
    case 'revision':
      return current === expected.revision;
  }
}

function recordBytes(streamName: string, event: ProposedEvent): bigint {
  const textBytes = Buffer.byteLength(streamName) + Buffer.byteLength(event.type);
  return PREPARE_HEADER_BYTES + BigInt(textBytes + event.data.length + event.customMetadata.length);
}
