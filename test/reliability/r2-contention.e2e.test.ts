import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import jwt from 'jsonwebtoken';
import { ProcessManagers } from '@pledge-ledger/application';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { createTestSchema } from '../support/postgres';
import { policyBody } from '../support/policy-body';

/**
 * R2 (issue 8): contention. On SQLite and PostgreSQL, 50 conflicting commands at once on one loan
 * (repayments, default, write-off, with and without If-Match), on one claim (approvals by several
 * fund managers, rejections, payouts) and on the fund (payouts of many approved claims competing
 * for a small balance, and contributions). Only legal commands succeed, the others answer 409 or
 * 412 with a stable code (never 500); the fund never pays a claim twice nor goes below zero (its
 * events and its dashboard); and the result equals a serial execution: the accepted commands,
 * replayed one at a time in the order of their positions on a fresh ledger set up the same way,
 * give the same streams (event types and data) and the same fund dashboard.
 *
 * The process managers are held during the contention (and the replay), so every decision in it
 * comes from a request and the replay is exact; they are resumed and settled before comparing.
 * LEDGER_RELIABILITY_RUNS=<n> repeats each scenario n times (CI: once).
 */
type Database = 'sqlite' | 'postgres';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PARALLEL = 50;
const REPEATS = Math.max(1, Number(process.env.LEDGER_RELIABILITY_RUNS ?? 1));
const SECRET = 'r2-contention-secret-of-at-least-32-chars';
const CODE = /^[A-Z_]+\.[A-Z_]+$/;

interface Answer {
  readonly status: number;
  readonly body: Json;
}

/** A command as sent: replayable on another ledger once its loan ids are mapped. */
interface Command {
  readonly token: string;
  readonly path: string;
  readonly body: Json;
  readonly ifMatch?: string;
  /** Sent as X-Correlation-Id: the command's events carry it. */
  readonly correlationId?: string;
}

interface Ledger {
  post(command: Command): Promise<Answer>;
  get(urlPath: string, token: string): Promise<Answer>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

async function startLedger(database: Database): Promise<Ledger> {
  const cleanups: (() => Promise<void>)[] = [];
  const env: Record<string, string> = { LEDGER_JWT_SECRET: SECRET, LOG_LEVEL: 'silent' };
  if (database === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-r2-'));
    env.LEDGER_DATA_DIR = dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  } else {
    const events = await createTestSchema();
    const reads = await createTestSchema();
    cleanups.push(
      () => events.drop(),
      () => reads.drop(),
    );
    env.LEDGER_EVENT_STORE = `${events.url}?schema=${events.schema}`;
    env.LEDGER_READ_STORE = `${reads.url}?schema=${reads.schema}`;
  }
  const app: NestFastifyApplication = await createLedgerApp(loadConfig(env));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const managers = app.get(ProcessManagers, { strict: false });

  async function call(
    method: string,
    urlPath: string,
    token: string,
    body?: Json,
    ifMatch?: string,
    correlationId?: string,
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (correlationId !== undefined) headers['x-correlation-id'] = correlationId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    const response = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  return {
    post: (command) => call('POST', command.path, command.token, command.body, command.ifMatch, command.correlationId),
    get: (urlPath, token) => call('GET', urlPath, token),
    pause: () => managers.stop(),
    resume: () => managers.start(),
    settle: () => managers.waitUntilIdle(30_000),
    close: async () => {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

const token = (role: 'admin' | 'bank' | 'fund-manager' | 'auditor', sub: string) =>
  jwt.sign({ role, sub, ...(role === 'bank' ? { bankId: 'B1' } : {}) }, SECRET, {
    algorithm: 'HS256',
    expiresIn: '2h',
  });
const ADMIN = token('admin', 'r2-admin');
const BANK = token('bank', 'r2-teller');
const FM = ['fm-1', 'fm-2', 'fm-3', 'fm-4'].map((sub) => token('fund-manager', sub));
const AUDITOR = token('auditor', 'r2-auditor');

/** The 12-digit CNIPA application number with its check digit (weights 2-9, 2-5; mod 11, 10 = X). */
function patentNumber(serial: number): string {
  const digits = `2023101${String(serial).padStart(5, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
  const check = sum % 11;
  return `${digits}.${check === 10 ? 'X' : check}`;
}

interface World {
  readonly loans: string[];
}

/**
 * Bank B1, enterprise ent-1, a fund with `capital`, and `loans` bullet loans of `principal`, each
 * disbursed, enrolled, 91 days past due on 2026-06-14; with `defaulted`, each declared in default
 * and its claim filed. Deterministic, so a replay ledger gets the same world (but other loan ids).
 */
async function setUp(
  ledger: Ledger,
  options: { capital: string; loans: number; principal: string; defaulted: boolean },
): Promise<World> {
  const must = async (command: Command): Promise<Answer> => {
    const answer = await ledger.post(command);
    if (answer.status !== 200 && answer.status !== 201) {
      throw new Error(`set-up: POST ${command.path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };
  await must({
    token: ADMIN,
    path: '/v1/banks',
    body: { bankId: 'B1', name: 'Fuzhou Bank', creditCode: '91440300708461136T' },
  });
  await must({
    token: ADMIN,
    path: '/v1/enterprises',
    body: {
      enterpriseId: 'ent-1',
      name: 'Minjiang Photonics',
      creditCode: '91350100M000100Y43',
      region: 'Fujian/Fuzhou',
      size: 'small',
    },
  });
  await must({
    token: FM[0],
    path: '/v1/funds',
    body: { fundId: 'fund-1', name: 'Risk fund', establishedOn: '2026-01-01' },
  });
  await must({
    token: FM[0],
    path: '/v1/funds/fund-1/contributions',
    body: { contributor: 'Finance department', amount: options.capital, valueDate: '2026-01-02' },
  });
  await must({
    token: FM[0],
    path: '/v1/funds/fund-1/policies',
    body: policyBody({ perBankAnnualCap: '50000000.00' }),
  });
  await must({ token: FM[0], path: '/v1/funds/fund-1/banks', body: { bankId: 'B1', admittedOn: '2026-01-03' } });

  const loans: string[] = [];
  for (let index = 0; index < options.loans; index++) {
    const assetId = `patent-${index + 1}`;
    await must({
      token: ADMIN,
      path: '/v1/ip-assets',
      body: {
        ipAssetId: assetId,
        kind: 'invention-patent',
        number: patentNumber(index + 1),
        title: `Patent ${assetId}`,
        ownerEnterpriseIds: ['ent-1'],
        grantDate: '2023-05-10',
        expiryDate: '2041-03-01',
      },
    });
    const originated = await must({
      token: BANK,
      path: '/v1/loans',
      body: {
        enterpriseId: 'ent-1',
        principal: options.principal,
        annualRateBps: 1200,
        termMonths: 12,
        repaymentMethod: 'bullet',
        originationDate: '2026-01-10',
        pledges: [{ assetId, registrationNumber: `Y2026-${assetId}`, consentingOwnerIds: [] }],
      },
    });
    const loanId = originated.body.id as string;
    loans.push(loanId);
    await ledger.settle();
    await must({ token: BANK, path: `/v1/loans/${loanId}/disbursements`, body: { valueDate: '2026-01-15' } });
    await must({ token: FM[0], path: '/v1/funds/fund-1/enrolments', body: { loanId, enrolledOn: '2026-01-20' } });
    await ledger.settle();
    await must({ token: BANK, path: `/v1/loans/${loanId}/delinquency-assessments`, body: { asOf: '2026-06-14' } });
    if (options.defaulted) {
      await must({ token: BANK, path: `/v1/loans/${loanId}/default`, body: { asOf: '2026-06-14' } });
      await must({ token: BANK, path: '/v1/claims', body: { loanId, filedOn: '2026-06-20' } });
    }
  }
  await ledger.settle();
  return { loans };
}

/** Sends every command at once; each answer with the command it answers. */
async function contend(ledger: Ledger, commands: Command[]): Promise<{ command: Command; answer: Answer }[]> {
  const sent = commands.map((command) => ({ ...command, correlationId: `r2-${randomUUID()}` }));
  const answers = await Promise.all(sent.map((command) => ledger.post(command)));
  return sent.map((command, index) => ({ command, answer: answers[index] }));
}

/** No 500, only 200, 409 or 412, each refusal with a stable code. */
function expectOnlyLegalAnswers(results: { command: Command; answer: Answer }[]): void {
  const seen = results.map(({ command, answer }) => ({
    command: `${command.path}${command.ifMatch ? ` If-Match ${command.ifMatch}` : ''}`,
    status: answer.status,
    code: answer.status === 200 ? 'done' : answer.body?.error?.code,
  }));
  expect(
    seen.filter((one) => ![200, 409, 412].includes(one.status) || !(one.code === 'done' || CODE.test(one.code))),
  ).toEqual([]);
  for (const { command, answer } of results) {
    if (answer.status === 412) expect(command.ifMatch).toBeDefined();
  }
}

/**
 * Accepted commands with an effect, in the order of the position of their first event. A payout is
 * two appends (the fund pays, then the claim is marked paid): its first event is the decision, so a
 * contribution that landed between the two comes after it in the serial order.
 */
async function acceptedInOrder(ledger: Ledger, results: { command: Command; answer: Answer }[]): Promise<Command[]> {
  const first = new Map<string, bigint>();
  let after = '';
  for (;;) {
    const page = await ledger.get(`/v1/audit/events?limit=500${after ? `&after=${after}` : ''}`, AUDITOR);
    for (const event of page.body.items) {
      const position = BigInt(event.position);
      const id = event.metadata.correlationId as string;
      if (!first.has(id) || first.get(id)! > position) first.set(id, position);
    }
    if (page.body.items.length < 500) break;
    after = page.body.items[page.body.items.length - 1].position;
  }
  return results
    .filter(({ command, answer }) => answer.status === 200 && first.has(command.correlationId!))
    .sort((a, b) => (first.get(a.command.correlationId!)! < first.get(b.command.correlationId!)! ? -1 : 1))
    .map(({ command }) => ({ ...command, correlationId: undefined }));
}

/** A stream as the auditor reads it: types and data, with the world's loan ids named by index. */
async function streamOf(ledger: Ledger, world: World, streamId: string): Promise<Json[]> {
  const answer = await ledger.get(`/v1/audit/streams/${streamId}?limit=500`, AUDITOR);
  if (answer.status === 404) return [];
  expect(answer.status).toBe(200);
  return normalise(
    world,
    answer.body.items.map((event: Json) => ({ type: event.type, data: event.data })),
  );
}

function normalise<T>(world: World, value: T): T {
  let text = JSON.stringify(value);
  world.loans.forEach((loanId, index) => (text = text.replaceAll(loanId, `<loan ${index}>`)));
  return JSON.parse(text);
}

/** The dashboard once the read models hold the fund's last event (read your writes). */
async function fundDashboard(ledger: Ledger): Promise<Json> {
  const fund = await ledger.get('/v1/audit/streams/fund-fund-1?limit=500', AUDITOR);
  const last = fund.body.items[fund.body.items.length - 1].position;
  const answer = await ledger.get(`/v1/funds/fund-1/dashboard?minPosition=${last}`, FM[0]);
  expect(answer.status).toBe(200);
  const { capitalContributed, available, committed, paid, recovered } = answer.body;
  return { capitalContributed, available, committed, paid, recovered };
}

/** Fen of a decimal money string. */
function fen(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [units, cents = ''] = amount.replace('-', '').split('.');
  const value = BigInt(units) * 100n + BigInt(cents.padEnd(2, '0'));
  return negative ? -value : value;
}

/**
 * The fund's balance after each of its events never goes below zero, no claim is paid twice, and
 * the dashboard's `available` is what the events add up to.
 */
async function expectFundSound(ledger: Ledger, world: World): Promise<void> {
  const events = await streamOf(ledger, world, 'fund-fund-1');
  let balance = 0n;
  const paidLoans: string[] = [];
  for (const event of events) {
    if (event.type === 'FundCapitalContributed') balance += fen(event.data.amount);
    if (event.type === 'CompensationPaid') {
      balance -= fen(event.data.amount);
      paidLoans.push(event.data.loanId);
    }
    if (event.type === 'RecoveryShareReceived') balance += fen(event.data.amount);
    expect({ after: event.type, belowZero: balance < 0n }).toEqual({ after: event.type, belowZero: false });
  }
  expect(paidLoans.length).toBe(new Set(paidLoans).size);
  for (const [index] of world.loans.entries()) {
    const claim = await streamOf(ledger, world, `claim-${world.loans[index]}`);
    expect(claim.filter((event) => event.type === 'ClaimPaid').length).toBeLessThanOrEqual(1);
  }
  expect(fen((await fundDashboard(ledger)).available)).toBe(balance);
}

/** Replays `accepted` on a fresh ledger set up like `world`, and compares streams and dashboard. */
async function expectSerialEquivalent(
  database: Database,
  contended: { ledger: Ledger; world: World },
  setUpReplay: (ledger: Ledger) => Promise<World>,
  accepted: Command[],
  streams: (world: World) => string[],
): Promise<void> {
  const replay = await startLedger(database);
  try {
    const world = await setUpReplay(replay);
    await replay.pause();
    for (const command of accepted) {
      const mapped = mapIds(command, contended.world, world);
      const answer = await replay.post({ ...mapped, ifMatch: undefined });
      expect({ path: command.path, body: command.body, status: answer.status }).toEqual({
        path: command.path,
        body: command.body,
        status: 200,
      });
    }
    await replay.resume();
    await replay.settle();
    await contended.ledger.settle();
    for (const [index, streamId] of streams(contended.world).entries()) {
      expect({ streamId, events: await streamOf(replay, world, streams(world)[index]) }).toEqual({
        streamId,
        events: await streamOf(contended.ledger, contended.world, streamId),
      });
    }
    expect(await fundDashboard(replay)).toEqual(await fundDashboard(contended.ledger));
  } finally {
    await replay.close();
  }
}

function mapIds(command: Command, from: World, to: World): Command {
  let text = JSON.stringify(command);
  from.loans.forEach((loanId, index) => (text = text.replaceAll(loanId, to.loans[index])));
  return JSON.parse(text);
}

/** `count` commands drawn round-robin from `kinds`, shuffled deterministically. */
function mix(count: number, kinds: (() => Command)[]): Command[] {
  const commands = Array.from({ length: count }, (_, index) => kinds[index % kinds.length]());
  for (let i = commands.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [commands[i], commands[j]] = [commands[j], commands[i]];
  }
  return commands;
}

describe.each(['sqlite', 'postgres'] as Database[])('R2 contention on %s', (database) => {
  for (let round = 1; round <= REPEATS; round++) {
    const suffix = REPEATS > 1 ? ` (round ${round})` : '';

    it(`one loan: ${PARALLEL} repayments, defaults and write-offs at once${suffix}`, async () => {
      const options = { capital: '10000000.00', loans: 1, principal: '2000000.00', defaulted: false };
      const ledger = await startLedger(database);
      try {
        const world = await setUp(ledger, options);
        const [loan] = world.loans;
        // Assessed once more, for the revision the If-Match commands name (the replay does the same).
        const assessed = await ledger.post({
          token: BANK,
          path: `/v1/loans/${loan}/delinquency-assessments`,
          body: { asOf: '2026-06-14' },
        });
        const current = `"${assessed.body.revision}"`;
        await ledger.settle();
        await ledger.pause();
        const on = (action: string, body: Json, ifMatch?: string) => () => ({
          token: BANK,
          path: `/v1/loans/${loan}/${action}`,
          body,
          ifMatch,
        });
        const commands = mix(PARALLEL, [
          on('repayments', { amount: '10000.00', valueDate: '2026-06-14' }),
          on('repayments', { amount: '5000000.00', valueDate: '2026-06-14' }),
          on('default', { asOf: '2026-06-14' }),
          on('write-off', { valueDate: '2026-12-31' }),
          on('repayments', { amount: '20000.00', valueDate: '2026-06-14' }, current),
          on('default', { asOf: '2026-06-14' }, current),
          on('write-off', { valueDate: '2026-12-31' }, current),
        ]);
        const results = await contend(ledger, commands);
        expectOnlyLegalAnswers(results);
        const withIfMatch = results.filter(({ command, answer }) => command.ifMatch && answer.status === 200);
        expect(withIfMatch.length).toBeLessThanOrEqual(1);
        expect(results.filter(({ answer }) => answer.status === 200).length).toBeGreaterThan(0);
        const stream = await streamOf(ledger, world, `loan-${loan}`);
        expect(stream.filter((event) => event.type === 'LoanDefaulted').length).toBeLessThanOrEqual(1);
        expect(stream.filter((event) => event.type === 'LoanWrittenOff').length).toBeLessThanOrEqual(1);

        await ledger.resume();
        await expectSerialEquivalent(
          database,
          { ledger, world },
          async (replay) => {
            const replayWorld = await setUp(replay, options);
            await replay.post({
              token: BANK,
              path: `/v1/loans/${replayWorld.loans[0]}/delinquency-assessments`,
              body: { asOf: '2026-06-14' },
            });
            await replay.settle();
            return replayWorld;
          },
          await acceptedInOrder(ledger, results),
          (w) => [`loan-${w.loans[0]}`, 'fund-fund-1'],
        );
      } finally {
        await ledger.close();
      }
    }, 180_000);

    it(`one claim: ${PARALLEL} approvals by four managers, rejections and payouts at once${suffix}`, async () => {
      const options = { capital: '10000000.00', loans: 1, principal: '2000000.00', defaulted: true };
      const ledger = await startLedger(database);
      try {
        const world = await setUp(ledger, options);
        const [loan] = world.loans;
        await ledger.pause();
        const on = (action: string, manager: number, body: Json, ifMatch?: string) => () => ({
          token: FM[manager],
          path: `/v1/claims/${loan}/${action}`,
          body,
          ifMatch,
        });
        const commands = mix(PARALLEL, [
          on('approvals', 0, { approvedOn: '2026-06-25' }),
          on('approvals', 1, { approvedOn: '2026-06-25' }),
          on('payouts', 2, { valueDate: '2026-06-26' }),
          on('approvals', 2, { approvedOn: '2026-06-25' }),
          on('approvals', 3, { approvedOn: '2026-06-25' }, '"0"'),
          on('rejections', 3, { reason: 'Default not documented', rejectedOn: '2026-06-27' }),
          on('payouts', 0, { valueDate: '2026-06-26' }, '"2"'),
        ]);
        const results = await contend(ledger, commands);
        expectOnlyLegalAnswers(results);

        const claim = await streamOf(ledger, world, `claim-${loan}`);
        const approvers = claim.filter((event) => event.type === 'ClaimApproved').map((event) => event.data.approvedBy);
        expect(approvers.length).toBe(new Set(approvers.map((by: Json) => JSON.stringify(by))).size);
        const rejected = claim.some((event) => event.type === 'ClaimRejected');
        const paid = claim.some((event) => event.type === 'ClaimPaid');
        expect(rejected && paid).toBe(false);
        await ledger.resume();
        await ledger.settle();
        await expectFundSound(ledger, world);

        await expectSerialEquivalent(
          database,
          { ledger, world },
          (replay) => setUp(replay, options),
          await acceptedInOrder(ledger, results),
          (w) => [`claim-${w.loans[0]}`, 'fund-fund-1'],
        );
      } finally {
        await ledger.close();
      }
    }, 180_000);

    it(`the fund: ${PARALLEL} payouts of five approved claims and contributions, for a small balance${suffix}`, async () => {
      // Five claims of 400,000.00 each (40 % of 1,000,000.00, one approval), approved while the
      // fund holds 1,000,000.00: at most two can be paid until contributions come in.
      const options = { capital: '1000000.00', loans: 5, principal: '1000000.00', defaulted: true };
      const approveAll = async (target: Ledger, world: World) => {
        await target.pause();
        for (const loan of world.loans) {
          const approved = await target.post({
            token: FM[0],
            path: `/v1/claims/${loan}/approvals`,
            body: { approvedOn: '2026-06-25' },
          });
          expect(approved.status).toBe(200);
        }
      };
      const ledger = await startLedger(database);
      try {
        const world = await setUp(ledger, options);
        await approveAll(ledger, world);
        const payout = (index: number, manager: number) => () => ({
          token: FM[manager],
          path: `/v1/claims/${world.loans[index]}/payouts`,
          body: { valueDate: '2026-06-26' },
        });
        const contribution = () => ({
          token: FM[3],
          path: '/v1/funds/fund-1/contributions',
          body: { contributor: 'Finance department', amount: '150000.00', valueDate: '2026-06-26' },
        });
        const commands = mix(PARALLEL, [
          payout(0, 0),
          payout(1, 1),
          payout(2, 2),
          payout(3, 0),
          payout(4, 1),
          contribution,
          payout(0, 2),
          payout(1, 0),
          payout(2, 1),
          payout(3, 2),
        ]);
        const results = await contend(ledger, commands);
        expectOnlyLegalAnswers(results);
        await expectFundSound(ledger, world);
        const fund = await streamOf(ledger, world, 'fund-fund-1');
        const paid = fund.filter((event) => event.type === 'CompensationPaid');
        expect(paid.length).toBeGreaterThanOrEqual(2);

        await ledger.resume();
        await ledger.settle();
        await expectFundSound(ledger, world);
        await expectSerialEquivalent(
          database,
          { ledger, world },
          async (replay) => {
            const replayWorld = await setUp(replay, options);
            await approveAll(replay, replayWorld);
            return replayWorld;
          },
          await acceptedInOrder(ledger, results),
          (w) => ['fund-fund-1', ...w.loans.map((loan) => `claim-${loan}`)],
        );
      } finally {
        await ledger.close();
      }
    }, 240_000);
  }
});
