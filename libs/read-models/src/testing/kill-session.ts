import type { ProjectionContext } from '../projections/projection';

/**
 * Returns a function that kills the database session of the transaction `context` belongs to, as
 * a crashed process would lose it: PostgreSQL terminates the backend (the server rolls back),
 * SQLite closes the connection with its transaction open (SQLite rolls back).
 */
export async function sessionKiller(
  context: ProjectionContext,
  terminate: (pid: number) => Promise<void>,
): Promise<() => Promise<void>> {
  if (context.dialect === 'postgres') {
    const [{ pid }]: Array<{ pid: number }> = await context.manager.query('SELECT pg_backend_pid() AS pid');
    return () => terminate(pid);
  }
  const driver = context.manager.connection.driver as unknown as { databaseConnection: { close(): void } };
  return async () => driver.databaseConnection.close();
}
