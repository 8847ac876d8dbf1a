import { comparePositions, formatPosition, type After } from '@pledge-ledger/event-store';

/** Callbacks run each time a runner's checkpoint moves. */
export type PositionWaiters = Set<() => void>;

export class ProjectionLagError extends Error {
  readonly code = 'PROJECTION.LAGGING';

  constructor(
    readonly projections: readonly string[],
    readonly position: After,
    readonly timeoutMs: number,
  ) {
    super(`${projections.join(', ')} did not reach position ${formatPosition(position)} within ${timeoutMs} ms`);
  }
}

/** Resolves once `current()` is at or past `position`; rejects with ProjectionLagError after `timeoutMs`. */
export function waitForPosition(
  waiters: PositionWaiters,
  current: () => After,
  position: After,
  timeoutMs: number,
  name: string,
): Promise<void> {
  if (comparePositions(current(), position) >= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (comparePositions(current(), position) < 0) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new ProjectionLagError([name], position, timeoutMs));
    }, timeoutMs);
    waiters.add(check);
  });
}
