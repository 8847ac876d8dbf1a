import type { After } from '@pledge-ledger/event-store';
import { ProjectionLagError } from './wait-for-position';

export interface PositionFollower {
  readonly name: string;
  waitFor(position: After, timeoutMs: number): Promise<void>;
}

/**
 * Read your own writes: resolves once every runner has committed everything up to `position`
 * (a command's result carries it), or rejects after `timeoutMs` naming the ones still behind.
 */
export async function waitForProjections(
  runners: Iterable<PositionFollower>,
  position: After,
  timeoutMs: number,
): Promise<void> {
  const all = [...runners];
  const results = await Promise.allSettled(all.map((runner) => runner.waitFor(position, timeoutMs)));
  const lagging = all.filter((_, i) => results[i].status === 'rejected').map((runner) => runner.name);
  if (lagging.length > 0) throw new ProjectionLagError(lagging, position, timeoutMs);
}
