import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { domainError } from '@pledge-ledger/domain';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { comparePositions, formatPosition, SqliteEventStore } from '@pledge-ledger/event-store';
import { SqliteCheckpointStore } from '../checkpoints/sqlite-checkpoint-store';
import type { ProcessManager } from './process-manager';
import { ProcessManagerRunner } from './process-manager-runner';

class RefusedError extends domainError('TEST.REFUSED') {}

describe('ProcessManagerRunner', () => {
  let dir: string;
  let store: EventStore;
  let checkpoints: SqliteCheckpointStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'runner-'));
    store = await SqliteEventStore.open(path.join(dir, 'events.db'));
    checkpoints = SqliteCheckpointStore.open(path.join(dir, 'read.db'));
  });
  afterEach(async () => {
    await checkpoints.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function append(type: string, n: number) {
    const metadata = {
      eventId: randomUUID(),
      actor: { sub: 'test', role: 'admin' },
      correlationId: 'c',
      causationId: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    };
    return store.append('s-1', [{ type, data: { n }, metadata }], 'any');
  }

  function manager(handle: (event: RecordedEvent) => Promise<void>): ProcessManager {
    return { name: 'test', handles: new Set(['Handled']), handle };
  }

  it('retries an unexpected failure of the same event, skips a domain refusal, and stores its checkpoint on stop', async () => {
    await append('Handled', 1); // refused by the domain: reported, not retried
    await append('Ignored', 2);
    const last = await append('Handled', 3); // fails twice, then succeeds
    const seen: number[] = [];
    const errors: string[] = [];
    let failures = 0;
    const runner = new ProcessManagerRunner(
      store,
      checkpoints,
      manager(async (event) => {
        const n = event.data.n as number;
        seen.push(n);
        if (n === 1) throw new RefusedError('no');
        if (n === 3 && failures++ < 2) throw new Error('store down');
      }),
      { retryDelayMs: 5, onError: (error) => errors.push(String(error)) },
    );
    await runner.start();
    await runner.waitFor(last.position);
    await runner.stop();
    expect(seen).toEqual([1, 3, 3, 3]);
    expect(errors).toEqual(['RefusedError: no', 'Error: store down', 'Error: store down']);
    expect(formatPosition(await checkpoints.load('test'))).toBe(formatPosition(last.position));

    // Restarted from the stored checkpoint: nothing is delivered again, a new event is.
    const next = await append('Handled', 4);
    const again: number[] = [];
    const restarted = new ProcessManagerRunner(
      store,
      checkpoints,
      manager(async (e) => void again.push(e.data.n as number)),
    );
    await restarted.start();
    await restarted.waitFor(next.position);
    await restarted.stop();
    expect(again).toEqual([4]);
  });

  it('stops promptly while retrying, without advancing past the failing event', async () => {
    const before = await append('Ignored', 0);
    await append('Handled', 1);
    let attempts = 0;
    const runner = new ProcessManagerRunner(
      store,
      checkpoints,
      manager(async () => {
        attempts++;
        throw new Error('store down');
      }),
      { retryDelayMs: 60_000 },
    );
    await runner.start();
    while (attempts === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(comparePositions(await checkpoints.load('test'), before.position)).toBe(0);
  });
});
