import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL database integration tests use; each test file gets its own schema inside it. */
export const LEDGER_TEST_PG_URL = process.env.LEDGER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  readonly url: string;
  readonly schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named schema so test files can run in parallel against one database.
 * An unreachable database fails the test with a message saying how to fix it: a silent skip
 * would let the PostgreSQL adapter go untested without anyone noticing.
 */
export async function createTestSchema(url: string = LEDGER_TEST_PG_URL): Promise<TestSchema> {
  const schema = `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    url,
    schema,
    drop: async () => {
      await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redact(url)} (set by LEDGER_TEST_PG_URL): ${(error as Error).message}. ` +
        'Start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start` (then `pg_isready -h 127.0.0.1 -t 30`), ' +
        'or the PostgreSQL service of the compose file under docker/, or point LEDGER_TEST_PG_URL at a reachable database.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
