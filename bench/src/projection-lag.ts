import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Latencies, nowMs } from './measure';

/** The lowest checkpoint over every projection: the position up to which all the read models are current. */
export type CheckpointSource = { read(): Promise<number>; close(): Promise<void> };

function lowest(positions: readonly string[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const position of positions) min = Math.min(min, position === 'start' ? 0 : Number(position));
  return positions.length === 0 ? 0 : min;
}

/** Reads `projection_checkpoints` of a PostgreSQL read store (one small query per poll). */
export async function postgresCheckpoints(url: string, schema: string): Promise<CheckpointSource> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const sql = `SELECT position FROM "${schema}".projection_checkpoints`;
  return {
    read: async () => lowest((await client.query<{ position: string }>(sql)).rows.map((row) => row.position)),
    close: () => client.end(),
  };
}

/** Reads `projection_checkpoints` of a SQLite read store through a read-only connection (WAL lets it read alongside). */
export function sqliteCheckpoints(file: string): CheckpointSource {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const statement = db.prepare<[], { position: string }>('SELECT position FROM projection_checkpoints');
  return {
    read: () => Promise.resolve(lowest(statement.all().map((row) => row.position))),
    close: () => Promise.resolve(void db.close()),
  };
}

/**
 * Projection lag as a user sees it: from the moment a command's answer (with the position of its
 * event) reached the client to the moment every projection's committed checkpoint is at or past
 * that position. Checkpoints are polled every `pollMs` (so a figure can be up to one poll late);
 * acknowledged positions wait in a min-heap until passed.
 */
export class ProjectionLagProbe {
  readonly lags = new Latencies();
  private heap: { position: number; at: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private recording = false;

  constructor(
    private readonly source: CheckpointSource,
    private readonly pollMs = 10,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
  }

  /** Lags are kept only while recording (the measured window), positions are tracked throughout. */
  record(on: boolean): void {
    this.recording = on;
  }

  acknowledged(position: number): void {
    if (!this.recording) return;
    this.push({ position, at: nowMs() });
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Stops polling once every acknowledged position has been passed (or after `timeoutMs`). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = nowMs() + timeoutMs;
    while (this.heap.length > 0 && nowMs() < deadline) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.source.close();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const checkpoint = await this.source.read();
      const seen = nowMs();
      while (this.heap.length > 0 && this.heap[0].position <= checkpoint) this.lags.add(seen - this.pop().at);
    } catch {
      // a poll that failed (the store restarting) is just a late sample
    } finally {
      this.polling = false;
    }
  }

  private push(entry: { position: number; at: number }): void {
    const heap = this.heap;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent].position <= heap[i].position) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private pop(): { position: number; at: number } {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left].position < heap[smallest].position) smallest = left;
        if (right < heap.length && heap[right].position < heap[smallest].position) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}
