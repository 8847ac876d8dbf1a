/** A state restored from a snapshot: folded up to and including the event at `revision`, whose id is `eventId`. */
export interface SnapshotBase<S> {
  readonly state: S;
  readonly revision: number;
  readonly eventId: string;
  /**
   * Set on a state this process folded after its own append without storing it: the revision of
   * the stored snapshot it descends from (null: none), which decides when the next one is written.
   * Absent: this state is itself a stored snapshot.
   */
  readonly since?: number | null;
}

/** At most this many short streams are remembered (a stream id and a number each: a few MB). */
const MAX_SHORT_STREAMS = 100_000;

/**
 * What one process remembers between loads, so that the snapshot store is asked as seldom as it
 * can be: the newest snapshot per stream it wrote or read (bounded by their events, least recently
 * used dropped first; also the state after this process's own last append to it, stored or not), and the streams it last saw shorter than one snapshot interval, which the
 * store cannot have a snapshot of yet. Both only ever make a load start from an older point (or
 * from the first event): never wrong, at worst slower, and the next append here corrects it.
 */
export class SnapshotMemory {
  private readonly kept = new Map<string, SnapshotBase<unknown>>();
  private keptTotal = 0;
  private readonly short = new Map<string, true>();

  constructor(private readonly keptEvents: number) {}

  /** The kept snapshot, now the most recently used. */
  get(streamId: string): SnapshotBase<unknown> | undefined {
    const kept = this.kept.get(streamId);
    if (kept !== undefined) this.keep(streamId, kept);
    return kept;
  }

  /** Keeps `base` unless a later one is kept, dropping the least recently used beyond `keptEvents`. */
  keep(streamId: string, base: SnapshotBase<unknown>): void {
    const kept = this.kept.get(streamId);
    if (kept !== undefined && kept.revision > base.revision) return;
    this.forget(streamId);
    this.short.delete(streamId);
    if (base.revision + 1 > this.keptEvents) return;
    this.kept.set(streamId, base);
    this.keptTotal += base.revision + 1;
    for (const [oldest] of this.kept) {
      if (this.keptTotal <= this.keptEvents) break;
      this.forget(oldest);
    }
  }

  forget(streamId: string): void {
    const kept = this.kept.get(streamId);
    if (kept === undefined) return;
    this.kept.delete(streamId);
    this.keptTotal -= kept.revision + 1;
  }

  /** After a fold of the whole stream: whether it had fewer events than `every` (null: no stream yet). */
  folded(streamId: string, revision: number | null, every: number): void {
    if (revision !== null && revision + 1 >= every) {
      this.short.delete(streamId);
      return;
    }
    this.short.delete(streamId);
    this.short.set(streamId, true);
    if (this.short.size > MAX_SHORT_STREAMS) this.short.delete(this.short.keys().next().value as string);
  }

  /** Last seen shorter than one interval: no process can have written its snapshot before it grew. */
  isShort(streamId: string): boolean {
    return this.short.has(streamId);
  }
}
