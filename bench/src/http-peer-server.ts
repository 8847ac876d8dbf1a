/**
 * B2's peer (issue 7): the repayment command served the way a team would build it on Emmett's
 * stack, as its own process (started by http-commands.ts, like our API). Fastify, the bank JWT
 * verified with the library our API uses (jsonwebtoken, HS256, the same secret), the body checked
 * by a Fastify JSON schema (amount a decimal string of at most two places, value date a date),
 * then Emmett's `CommandHandler` on Emmett's PostgreSQL event store (`getPostgreSQLEventStore`,
 * its default pool): read the loan's stream, fold it with OUR Loan decider's `evolve`, decide
 * `ReceiveRepayment` with OUR decider, append with the stream version it read. The events carry
 * the metadata our application writes (event id, actor, correlation, causation, recorded at,
 * schema version).
 *
 * Emmett has no idempotency built in: the Idempotency-Key header is ignored, so this server does
 * less work per command than ours (no idempotency reservation and completion writes).
 *
 *   PEER_PG_URL       Emmett's store: a database of its own (emmett-database.ts), migrated by http-peer-setup.ts
 *   PEER_JWT_SECRET   the HS256 secret the bank's token is signed with
 *   PEER_POOL_SIZE    optional: a node-postgres Pool of this many connections handed to Emmett
 *                     instead of its default one (node-postgres' default size, 10)
 *   PORT, HOST        where to listen
 */
import { createSecretKey, randomUUID } from 'node:crypto';
import { CommandHandler, isExpectedVersionConflictError, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  DomainError,
  loanDecider,
  loanStreamId,
  type Actor,
  type LoanEvent,
  type LoanState,
  type ReceiveRepayment,
} from '@pledge-ledger/domain';
import { fastify } from 'fastify';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { peerEvents } from './http-peer-loans';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const poolSize = Number(process.env.PEER_POOL_SIZE ?? 0);
// The schema was migrated by the set-up, as a deployment would before starting the service.
const store = getPostgreSQLEventStore(required('PEER_PG_URL'), {
  schema: { autoMigration: 'None' },
  ...(poolSize > 0 && {
    connectionOptions: { pool: new Pool({ connectionString: required('PEER_PG_URL'), max: poolSize }) },
  }),
});
const key = createSecretKey(Buffer.from(required('PEER_JWT_SECRET'), 'utf8'));

/** A Loan event as Emmett reads and appends it: our event's type and data, the metadata our application records. */
type StoredLoanEvent = Event<LoanEvent['type'], Record<string, unknown>, Record<string, unknown>>;

const handle = CommandHandler<LoanState, StoredLoanEvent>({
  evolve: (state, event) => loanDecider.evolve(state, event as unknown as LoanEvent),
  initialState: () => loanDecider.initialState,
});

/** The bank actor of a valid bearer token, or null (the answer is then 401). */
function bankActor(authorization: string | undefined): Actor | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  try {
    const claims = jwt.verify(authorization.slice('Bearer '.length), key, { algorithms: ['HS256'] });
    if (typeof claims === 'string' || typeof claims.exp !== 'number') return null;
    const { sub, role, bankId } = claims as Record<string, unknown>;
    if (typeof sub !== 'string' || role !== 'bank' || typeof bankId !== 'string') return null;
    return { sub, role: 'bank', bankId };
  } catch {
    return null;
  }
}

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  conflict: 409,
  'not-found': 404,
  forbidden: 403,
  invalid: 400,
};

// Fastify's validator coerces types by default (50 would pass as "50"): off, as our API refuses a number for money.
const app = fastify({ logger: false, ajv: { customOptions: { coerceTypes: false } } });

app.get('/health', async () => ({ status: 'ok' }));

app.post<{ Params: { id: string }; Body: { amount: string; valueDate: string } }>(
  '/v1/loans/:id/repayments',
  {
    schema: {
      params: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } },
      },
      body: {
        type: 'object',
        required: ['amount', 'valueDate'],
        additionalProperties: false,
        properties: {
          amount: { type: 'string', pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$' },
          valueDate: { type: 'string', format: 'date' },
        },
      },
    },
  },
  async (request, reply) => {
    const actor = bankActor(request.headers.authorization);
    if (actor === null) return reply.code(401).send({ error: 'unauthenticated' });
    const loanId = request.params.id;
    const now = new Date().toISOString();
    const command: ReceiveRepayment = {
      type: 'ReceiveRepayment',
      data: { loanId, amount: request.body.amount, valueDate: request.body.valueDate },
      metadata: { actor, now },
    };
    const correlationId = randomUUID();
    try {
      const result = await handle(store, loanStreamId(loanId), (state) =>
        peerEvents(loanDecider.decide(command, state), command, correlationId),
      );
      return reply.code(200).send({
        id: loanId,
        revision: Number(result.nextExpectedStreamVersion) - 1,
        position: String(result.lastEventGlobalPosition),
      });
    } catch (error) {
      if (error instanceof DomainError)
        return reply.code(STATUS_OF_KIND[error.kind]).send({ code: error.code, message: error.message });
      if (isExpectedVersionConflictError(error)) return reply.code(409).send({ code: 'CONCURRENCY' });
      throw error;
    }
  },
);

async function main(): Promise<void> {
  await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
  const stop = (): void => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
