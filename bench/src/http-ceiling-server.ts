/**
 * B2's ceiling (issue 7): the physical limit of "an HTTP request that commits one row", as its own
 * process (started by http-commands.ts, like our API). A bare node:http server, no framework: per
 * POST it reads and parses the JSON body and INSERTs one row into a plain table, the
 * `RepaymentReceived` event of the ledger's shape (the body's amount and value date, the loan from
 * the path, fixed allocation figures, metadata with a fresh event id) as B1's ceiling writes it,
 * in one autocommit statement on a node-postgres Pool of CEILING_CONNECTIONS connections; it
 * answers 201 with the row's position. No auth, no validation, no read, no decision, no revision
 * check: the revision is a counter per loan in this process, only to fill the same unique index
 * on (stream, revision) B1's ceiling table has.
 *
 *   CEILING_PG_URL        the database
 *   CEILING_SCHEMA        an existing, empty schema the table is created in
 *   CEILING_CONNECTIONS   the pool's size (64: one per client connection)
 *   PORT, HOST            where to listen
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { Pool } from 'pg';
import { createRawEventsTableSql } from './raw-events-table';

const url = process.env.CEILING_PG_URL;
const schema = process.env.CEILING_SCHEMA;
if (!url || !schema) throw new Error('CEILING_PG_URL and CEILING_SCHEMA must be set');
const pool = new Pool({ connectionString: url, max: Number(process.env.CEILING_CONNECTIONS ?? 64) });
pool.on('error', () => undefined);

const table = `"${schema.replace(/"/g, '""')}".events`;
const INSERT = `INSERT INTO ${table} (stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5) RETURNING position`;
const ROUTE = /^\/v1\/loans\/([^/]+)\/repayments$/;
const revisions = new Map<string, number>();

async function commit(loanId: string, body: string): Promise<string> {
  const { amount, valueDate } = JSON.parse(body) as { amount: string; valueDate: string };
  const streamId = `loan-${loanId}`;
  const revision = revisions.get(streamId) ?? 0;
  revisions.set(streamId, revision + 1);
  const data = {
    loanId,
    bankId: 'bank-1',
    valueDate,
    amount,
    interest: '10000.00',
    principal: '2500.00',
    outstandingPrincipalAfter: '997500.00',
    interestDueAfter: '0.00',
  };
  const metadata = {
    eventId: randomUUID(),
    actor: { sub: 'officer-1', role: 'bank', bankId: 'bank-1' },
    correlationId: randomUUID(),
    causationId: null,
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  const { rows } = await pool.query<{ position: string }>(INSERT, [
    streamId,
    revision,
    'RepaymentReceived',
    JSON.stringify(data),
    JSON.stringify(metadata),
  ]);
  return rows[0].position;
}

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') return answer(response, 200, { status: 'ok' });
  const route = request.method === 'POST' ? ROUTE.exec(request.url ?? '') : null;
  if (!route) return answer(response, 404, { error: 'not found' });
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    commit(route[1], Buffer.concat(chunks).toString('utf8')).then(
      (position) => answer(response, 201, { id: route[1], position }),
      (error: unknown) => answer(response, 500, { error: String(error) }),
    );
  });
});

async function main(): Promise<void> {
  await pool.query(createRawEventsTableSql(table));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) =>
    server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', resolve),
  );
  const stop = (): void => {
    server.close();
    server.closeIdleConnections();
    void pool.end().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
