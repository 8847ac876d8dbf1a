import type { Snapshot, SnapshotStore } from './snapshot-store';

/** For unit tests: the same keep-the-newest rule as the SQL stores, in a Map. */
export class InMemorySnapshotStore implements SnapshotStore {
  readonly snapshots = new Map<string, Snapshot>();

  async get(streamId: string): Promise<Snapshot | null> {
    return this.snapshots.get(streamId) ?? null;
  }

  async put(streamId: string, snapshot: Snapshot): Promise<void> {
    const kept = this.snapshots.get(streamId);
    if (kept && kept.stateVersion === snapshot.stateVersion && kept.revision >= snapshot.revision) return;
    this.snapshots.set(streamId, snapshot);
  }

  async close(): Promise<void> {}
}
