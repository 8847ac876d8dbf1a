import type { ValueTransformer } from 'typeorm';

export class UnsafeIntegerReadError extends Error {
  readonly code = 'READ_MODEL.UNSAFE_INTEGER';

  constructor(readonly value: number) {
    super(`A BIGINT column read back as ${value}, beyond 2^53: the driver has rounded it`);
  }
}

/**
 * What a BIGINT column holds in JavaScript: a `bigint` (the domain's Fen), whatever the driver.
 * node-postgres returns BIGINT as a string (exact); better-sqlite3 through TypeORM returns a
 * number, exact only up to 2^53 fen (about 90 trillion yuan), so a larger one raises instead of
 * being silently rounded. Writes bind the exact decimal string on both drivers.
 */
export function bigintFromColumn(value: string | number | bigint): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new UnsafeIntegerReadError(value);
  return BigInt(value);
}

/** For `@Column({ type: 'bigint', transformer: bigintColumn })`: amounts in fen as `bigint` in entities. */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | bigint | null) => (value === null ? null : bigintFromColumn(value)),
};
