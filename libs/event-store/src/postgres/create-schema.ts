/** Anything that runs one SQL statement: a pg Pool or client, or a TypeORM query runner. */
export interface SqlStatementRunner {
  query(sql: string): Promise<unknown>;
}

/** unique_violation on pg_namespace, and duplicate_schema. */
const SCHEMA_EXISTS_CODES = new Set(['23505', '42P06']);

/**
 * `CREATE SCHEMA IF NOT EXISTS`, safe when several stores (event store, read store, idempotency,
 * snapshots, checkpoints...) open one brand-new schema at the same moment. PostgreSQL's
 * IF NOT EXISTS only looks at committed catalog rows, so the loser of the race fails with a
 * unique violation on pg_namespace_nspname_index (23505) although the schema now exists; that
 * error, and duplicate_schema (42P06), mean "someone made it" and are ignored. Any other error
 * is raised.
 *
 * Call it outside a transaction (before BEGIN): inside one, the ignored error would still abort
 * the transaction.
 *
 * @param quotedSchema the schema as a quoted SQL identifier, e.g. `"ledger"`.
 */
export async function createSchemaIfMissing(db: SqlStatementRunner, quotedSchema: string): Promise<void> {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema}`);
  } catch (error) {
    if (!SCHEMA_EXISTS_CODES.has(errorCode(error) ?? '')) throw error;
  }
}

/** pg errors carry `code`; TypeORM's QueryFailedError copies it and keeps the original as `driverError`. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof driverError?.code === 'string' ? driverError.code : undefined;
}
