import { Pool } from 'pg';
import { createSchemaIfMissing, formatPosition, parsePosition, START, type After } from '@pledge-ledger/event-store';
import type { CheckpointStore } from './checkpoint-store';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class PostgresCheckpointStore implements CheckpointStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresCheckpointStore> {
    const pool = new Pool({ connectionString, max: 2 });
    pool.on('error', () => undefined);
    const table = `${quoteIdent(schema)}.consumer_checkpoints`;
    try {
      await createSchemaIfMissing(pool, quoteIdent(schema));
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (consumer TEXT PRIMARY KEY, position TEXT NOT NULL)`);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresCheckpointStore(pool, table);
  }

  async load(consumer: string): Promise<After> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.table} WHERE consumer = $1`,
      [consumer],
    );
    return rows.length > 0 ? parsePosition(rows[0].position) : START;
  }

  async save(consumer: string, position: After): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (consumer, position) VALUES ($1, $2)
       ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position`,
      [consumer, formatPosition(position)],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
