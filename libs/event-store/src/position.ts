/**
 * A global position in the store's total order. Opaque but ordered: compare with
 * `comparePositions`, persist with `formatPosition` / `parsePosition`.
 *
 * SQL adapters use a dense 1-based sequence, so `commit === prepare === n`.
 * EventStoreDB uses its `$all` (commit, prepare) pair, which only increases.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** "Before the first event": reading or subscribing after START yields the whole history. */
export const START = 'start' as const;
export type After = Position | typeof START;

export function sqlPosition(n: bigint | number | string): Position {
  const value = BigInt(n);
  return { commit: value, prepare: value };
}

export function comparePositions(a: After, b: After): -1 | 0 | 1 {
  if (a === START) return b === START ? 0 : -1;
  if (b === START) return 1;
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** "42" when commit and prepare agree (every SQL position), "42/40" otherwise; "start" for START. */
export function formatPosition(p: After): string {
  if (p === START) return START;
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}/${p.prepare}`;
}

const POSITION_PATTERN = /^(\d{1,20})(?:\/(\d{1,20}))?$/;

export function parsePosition(text: string): After {
  if (text === START) return START;
  const match = POSITION_PATTERN.exec(text);
  if (!match) throw new RangeError(`Not a position: "${text}" (expected "start", "N" or "COMMIT/PREPARE")`);
  const commit = BigInt(match[1]);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}
