import type { EntityManager } from 'typeorm';

/** Appended to a live table's name (and its indexes') for the copy a rebuild fills. */
export const REBUILD_SUFFIX = '__rebuild';

/** The longest identifier PostgreSQL keeps whole; it silently truncates longer ones. */
const MAX_IDENTIFIER = 63;

/** Driver-specific DDL a rebuild needs. Every method runs inside the caller's transaction. */
export interface TableCopies {
  /**
   * Creates `copy` empty, with the live table's current columns, constraints and unique indexes;
   * a driver may leave the other indexes to `addIndexes`.
   */
  create(manager: EntityManager, live: string, copy: string): Promise<void>;
  /** Adds to the filled `copy` the live table's indexes `create` left out: each built once, in one pass. */
  addIndexes(manager: EntityManager, live: string, copy: string): Promise<void>;
  /** Replaces `live` by `copy`, which takes the live table's name and its indexes' names. */
  swap(manager: EntityManager, live: string, copy: string): Promise<void>;
  drop(manager: EntityManager, table: string): Promise<void>;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function rebuildName(name: string): string {
  const renamed = `${name}${REBUILD_SUFFIX}`;
  if (renamed.length > MAX_IDENTIFIER) {
    throw new Error(
      `"${name}" is too long to rebuild: keep table and index names within ${MAX_IDENTIFIER - REBUILD_SUFFIX.length} characters`,
    );
  }
  return renamed;
}

export function liveName(name: string): string {
  return name.endsWith(REBUILD_SUFFIX) ? name.slice(0, -REBUILD_SUFFIX.length) : name;
}
