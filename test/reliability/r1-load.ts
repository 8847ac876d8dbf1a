import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken } from '../../apps/ledger-api/src/http/auth/mint-token';

/** The secret the crash tests' API runs with (PostgreSQL needs one; one setting for both variants). */
export const R1_JWT_SECRET = 'r1-crash-secret-of-at-least-32-characters';

/** Valid identifiers: GB 32100 credit codes and a CNIPA patent number with their check characters. */
const BANK_CREDIT_CODE = '91440300708461136T';
const ENTERPRISE_CREDIT_CODE = '91350100M000100Y43';
const PATENT_NUMBER = '202110345678.3';

export function r1Tokens(): { admin: string; bank: string; auditor: string } {
  const key = resolveJwtKey(loadConfig({ LEDGER_JWT_SECRET: R1_JWT_SECRET, LOG_LEVEL: 'silent' }).jwt.key);
  return {
    admin: mintToken({ sub: 'olga', role: 'admin', expiresIn: '2h' }, key),
    bank: mintToken({ sub: 'teller', role: 'bank', bankId: 'bank-r1', expiresIn: '2h' }, key),
    auditor: mintToken({ sub: 'audrey', role: 'auditor', expiresIn: '2h' }, key),
  };
}

/** One command of the load, sent with the same Idempotency-Key and X-Correlation-Id every time. */
export interface LoadCommand {
  readonly key: string;
  readonly correlationId: string;
  readonly path: string;
  readonly token: string;
  readonly body: object;
  /** The event it must leave, exactly once, under its correlation id. */
  readonly eventType: string;
  state: 'new' | 'unacknowledged' | 'acknowledged';
  answer?: { status: number; body: unknown };
  /** Times a re-send found the key still claimed by a run the crash cut short (409 IDEMPOTENCY.IN_PROGRESS). */
  inProgress?: number;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export async function post(baseUrl: string, path: string, token: string, body: object, headers = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/**
 * The world the load runs in, set up once before the first crash: a bank, an enterprise, and
 * `loans` disbursed loans, each against its own patent (the pledging process manager secures the
 * pledges; disbursement is retried until it has).
 */
export async function setUpR1World(baseUrl: string, loans: number): Promise<string[]> {
  const { admin, bank } = r1Tokens();
  const must = async (what: string, answer: Promise<Answer>): Promise<void> => {
    const done = await answer;
    if (done.status >= 300) throw new Error(`R1 set-up: ${what} answered ${done.status} ${JSON.stringify(done.body)}`);
  };
  await must(
    'bank',
    post(baseUrl, '/v1/banks', admin, { bankId: 'bank-r1', name: 'R1 Bank', creditCode: BANK_CREDIT_CODE }),
  );
  await must(
    'enterprise',
    post(baseUrl, '/v1/enterprises', admin, {
      enterpriseId: 'ent-r1',
      name: 'R1 Photonics',
      creditCode: ENTERPRISE_CREDIT_CODE,
      region: 'Fujian/Fuzhou',
      size: 'small',
    }),
  );
  const loanIds: string[] = [];
  for (let i = 0; i < loans; i++) {
    await must(
      `patent ${i}`,
      post(baseUrl, '/v1/ip-assets', admin, {
        ipAssetId: `patent-r1-${i}`,
        kind: 'invention-patent',
        number: PATENT_NUMBER,
        title: `R1 patent ${i}`,
        ownerEnterpriseIds: ['ent-r1'],
        grantDate: '2023-05-10',
        expiryDate: '2041-03-01',
      }),
    );
    // The server names each loan.
    const originated = await post(baseUrl, '/v1/loans', bank, {
      enterpriseId: 'ent-r1',
      principal: '100000.00',
      annualRateBps: 1200,
      termMonths: 12,
      repaymentMethod: 'bullet',
      originationDate: '2026-01-10',
      pledges: [{ assetId: `patent-r1-${i}`, registrationNumber: `Y2026-R1-${i}`, consentingOwnerIds: [] }],
    });
    await must(`originate loan ${i}`, Promise.resolve(originated));
    loanIds.push((originated.body as { id: string }).id);
  }
  for (const loanId of loanIds) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await post(baseUrl, `/v1/loans/${loanId}/disbursements`, bank, { valueDate: '2026-01-15' });
      if (answer.status < 300) break;
      // 409 until the pledging process manager has secured the pledge.
      if (answer.status !== 409 || Date.now() > deadline) {
        throw new Error(`R1 set-up: disburse ${loanId} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return loanIds;
}

/**
 * The load: per loan a queue of repayments (1.00 each), and one queue of enterprise
 * registrations; each queue is sent in order by its own worker, all workers at once.
 */
export function r1Queues(loanIds: readonly string[], perQueue: number): LoadCommand[][] {
  const { admin, bank } = r1Tokens();
  const command = (path: string, token: string, body: object, eventType: string): LoadCommand => ({
    key: randomUUID(),
    correlationId: `r1-${randomUUID()}`,
    path,
    token,
    body,
    eventType,
    state: 'new',
  });
  const repayments = loanIds.map((loanId) =>
    Array.from({ length: perQueue }, () =>
      command(`/v1/loans/${loanId}/repayments`, bank, { amount: '1.00', valueDate: '2026-02-01' }, 'RepaymentReceived'),
    ),
  );
  const registrations = Array.from({ length: perQueue }, (_, i) =>
    command(
      '/v1/enterprises',
      admin,
      {
        enterpriseId: `ent-r1-load-${randomUUID().slice(0, 8)}-${i}`,
        name: `Load enterprise ${i}`,
        creditCode: ENTERPRISE_CREDIT_CODE,
        region: 'Fujian/Fuzhou',
        size: 'micro',
      },
      'EnterpriseRegistered',
    ),
  );
  return [...repayments, registrations];
}

/**
 * Sends each queue's commands in order until the queue is done or the server stops answering
 * (it was killed): a command without an answer stays unacknowledged and is sent again, with the
 * same key, by the next call. A 409 IDEMPOTENCY.IN_PROGRESS (the key's first run was cut short)
 * also stays unacknowledged. Any other answer outside 2xx fails the test: the load is all valid.
 */
export async function sendQueues(baseUrl: string, queues: readonly LoadCommand[][]): Promise<void> {
  await Promise.all(
    queues.map(async (queue) => {
      for (const command of queue) {
        if (command.state === 'acknowledged') continue;
        const resent = command.state === 'unacknowledged';
        let answer: Answer;
        try {
          answer = await post(baseUrl, command.path, command.token, command.body, {
            'idempotency-key': command.key,
            'x-correlation-id': command.correlationId,
          });
        } catch {
          command.state = 'unacknowledged';
          return; // the server is gone: the rest of the queue waits for the next run
        }
        command.answer = answer;
        if (answer.status >= 200 && answer.status < 300) {
          command.state = 'acknowledged';
          continue;
        }
        command.state = 'unacknowledged';
        if (isInProgress(answer)) command.inProgress = (command.inProgress ?? 0) + 1;
        if (isInProgress(answer) || answer.status >= 500) return;
        // A re-send refused (e.g. ENTERPRISE.ALREADY_EXISTS) means its first run, cut off by the
        // crash, had written its events: the key did not give back that run's answer.
        throw new Error(
          `${command.path} (key ${command.key}) answered ${answer.status} ${JSON.stringify(answer.body)}` +
            (resent ? ' to a re-send after a crash: its first run was not answered from the key' : ''),
        );
      }
    }),
  );
}

function isInProgress(answer: Answer): boolean {
  const body = answer.body as { error?: { code?: string } } | null;
  return answer.status === 409 && body?.error?.code === 'IDEMPOTENCY.IN_PROGRESS';
}

function acknowledged(queues: readonly LoadCommand[][]): number {
  return queues.reduce((sum, queue) => sum + queue.filter((c) => c.state === 'acknowledged').length, 0);
}

/**
 * Sends the load and calls `crash` once `acks` more commands have been acknowledged, so the crash
 * lands while every worker has a command in flight; returns how many commands were left without
 * an answer (sent, cut off by the crash).
 */
export async function crashUnderLoad(
  baseUrl: string,
  queues: readonly LoadCommand[][],
  acks: number,
  crash: () => Promise<void>,
): Promise<number> {
  const target = acknowledged(queues) + acks;
  let done = false;
  const sending = sendQueues(baseUrl, queues).finally(() => (done = true));
  while (!done && acknowledged(queues) < target) await new Promise((resolve) => setTimeout(resolve, 5));
  await crash();
  await sending;
  return queues.reduce((sum, queue) => sum + queue.filter((c) => c.state === 'unacknowledged').length, 0);
}

/** Sends what is left, the cut-off commands first with their keys, until every command is acknowledged. */
export async function settleQueues(
  baseUrl: string,
  queues: readonly LoadCommand[][],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sendQueues(baseUrl, queues);
    const left = queues.flat().filter((c) => c.state !== 'acknowledged');
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${left.length} commands still unacknowledged after ${timeoutMs} ms, e.g. ${left[0].path} ` +
          `(key ${left[0].key}): ${JSON.stringify(left[0].answer ?? 'no answer')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
