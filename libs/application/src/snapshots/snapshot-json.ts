import { SnapshotDecodeError } from './snapshot-codec';

/** Strict readers for decoding snapshots: each throws SnapshotDecodeError naming the path that is wrong. */

type Json = unknown;

function fail(path: string, expected: string, value: Json): never {
  const shown = JSON.stringify(value);
  throw new SnapshotDecodeError(
    `${path}: expected ${expected}, got ${shown === undefined ? 'nothing' : shown.slice(0, 60)}`,
  );
}

export function object(value: Json, path: string): Record<string, Json> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, Json>;
}

export function array(value: Json, path: string): readonly Json[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  return value;
}

export function string(value: Json, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

export function integer(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(path, 'an integer', value);
  return value;
}

export function oneOf<T extends string>(value: Json, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value as T)) fail(path, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

const FEN = /^-?(0|[1-9]\d*)$/;

/** Fen (bigint) as the digit string `fen()` wrote. */
export function fen(value: Json, path: string): bigint {
  if (typeof value !== 'string' || !FEN.test(value)) fail(path, 'fen as a digit string', value);
  return BigInt(value);
}

export function stringArray(value: Json, path: string): string[] {
  return array(value, path).map((item, i) => string(item, `${path}[${i}]`));
}

export function nullable<T>(value: Json, path: string, read: (value: Json, path: string) => T): T | null {
  return value === null ? null : read(value, path);
}
