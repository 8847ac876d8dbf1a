import type { After, EventStore } from '@pledge-ledger/event-store';
import { rebuildProjection, type RebuildResult } from '../rebuild/rebuild-projection';
import type { ReadStore } from '../read-store/read-store';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import { waitForProjections } from './wait-for-projections';

/**
 * Runs a set of projections against one event store and one read store: what apps/projector, or
 * the API in the embedded setup, starts. It answers read-your-writes waits for all of them and
 * rebuilds one or all while the others keep running.
 */
export class Projector {
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    for (const projection of projections) {
      if (this.runners.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      this.runners.set(projection.name, new ProjectionRunner(store, readStore, projection, options));
    }
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`No projection named ${name}`);
    return runner;
  }

  async start(): Promise<void> {
    for (const runner of this.runners.values()) await runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  /** Resolves once every projection has committed everything up to `position`; rejects after `timeoutMs`. */
  waitFor(position: After, timeoutMs: number): Promise<void> {
    return waitForProjections(this.runners.values(), position, timeoutMs);
  }

  /** Rebuilds the named projection, or every one in turn, and swaps each in when done. */
  async rebuild(name?: string): Promise<RebuildResult[]> {
    const targets = name === undefined ? [...this.runners.values()] : [this.runner(name)];
    const results: RebuildResult[] = [];
    for (const runner of targets) {
      results.push(
        await rebuildProjection(this.store, this.readStore, runner.projection, {
          batchSize: this.options.batchSize,
          runner,
        }),
      );
    }
    return results;
  }
}
