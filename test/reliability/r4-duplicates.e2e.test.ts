import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { CREDIT_CODES, PATENT_NUMBERS } from '../api/support/command-routes';
import { startLedger, type LedgerProcess } from '../support/ledger-process';
import { createTestSchema, type TestSchema } from '../support/postgres';
import { policyBody } from '../support/policy-body';

/**
 * R4 (issue 8): every kind of POST command of a whole lifecycle (two loans: one paid out, recovered
 * and written off, one whose claim is rejected) is sent 2 to 5 times with one Idempotency-Key:
 * concurrently, one after the other, or once before a restart of the API process and again after
 * it. Each command must have exactly one effect (its events carry one of the requests' correlation
 * ids, never two), every answer must be the first one byte for byte (status and body), and the same
 * key with another body must answer 422 and append nothing. On the embedded SQLite default and on
 * PostgreSQL (where the idempotency records live with the read models).
 *
 * LEDGER_RELIABILITY_RUNS=<n> sends each command up to n times (CI: up to 5).
 */
type Database = 'sqlite' | 'postgres';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Mode = 'concurrent' | 'sequential' | 'restart';

const SECRET = 'r4-duplicates-secret-of-at-least-32-chars';
const MAX_COPIES = Math.max(2, Number(process.env.LEDGER_RELIABILITY_RUNS ?? 5));
const DATABASES: Database[] = ['sqlite', 'postgres'];

interface Sent {
  readonly status: number;
  readonly body: Json;
}

interface Step {
  readonly name: string;
  readonly token: string;
  readonly path: () => string;
  readonly body: () => Json;
  /** Waits for what a process manager must do before the next step (bounded poll). */
  readonly then?: () => Promise<void>;
  /** Keeps what the first answer says (the loan id the server chose). */
  readonly keep?: (answer: Sent) => void;
}

const token = (claims: Record<string, string>) => jwt.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: '2h' });
const ADMIN = token({ role: 'admin', sub: 'r4-admin' });
const BANK = token({ role: 'bank', sub: 'r4-teller', bankId: 'B1' });
const FM1 = token({ role: 'fund-manager', sub: 'r4-fm1' });
const FM2 = token({ role: 'fund-manager', sub: 'r4-fm2' });
const AUDITOR = token({ role: 'auditor', sub: 'r4-auditor' });

describe.each(DATABASES)('R4 on %s: a command repeated with one Idempotency-Key has exactly one effect', (database) => {
  let ledger: LedgerProcess | undefined;
  let env: Record<string, string>;
  const cleanups: (() => Promise<void>)[] = [];
  const loans: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-r4-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    env = {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      LEDGER_PROJECTIONS: 'in-process',
    };
    if (database === 'sqlite') {
      env.LEDGER_EVENT_STORE = `sqlite:${path.join(dataDir, 'events.sqlite')}`;
      env.LEDGER_READ_STORE = `sqlite:${path.join(dataDir, 'read-models.sqlite')}`;
    } else {
      const events: TestSchema = await createTestSchema();
      const reads: TestSchema = await createTestSchema();
      cleanups.push(
        () => events.drop(),
        () => reads.drop(),
      );
      env.LEDGER_EVENT_STORE = `${events.url}?schema=${events.schema}`;
      env.LEDGER_READ_STORE = `${reads.url}?schema=${reads.schema}`;
    }
    ledger = await startLedger(env);
  }, 60_000);

  afterAll(async () => {
    await ledger?.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** The correlation id of every request sent, so a step counts only the events its requests caused. */
  const sentCorrelations = new Set<string>();

  async function send(step: Pick<Step, 'token'>, urlPath: string, body: Json, key: string): Promise<Sent> {
    const correlationId = `r4-${randomUUID()}`;
    sentCorrelations.add(correlationId);
    const response = await fetch(`${ledger!.baseUrl}${urlPath}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${step.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  async function get(urlPath: string, bearer: string): Promise<Json> {
    const response = await fetch(`${ledger!.baseUrl}${urlPath}`, { headers: { authorization: `Bearer ${bearer}` } });
    return response.json();
  }

  /** Every event in the store, through the auditor's history. */
  async function history(): Promise<Json[]> {
    const events: Json[] = [];
    let after = '';
    for (;;) {
      const page = await get(`/v1/audit/events?limit=500${after ? `&after=${after}` : ''}`, AUDITOR);
      events.push(...page.items);
      if (page.items.length < 500) return events;
      after = page.items[page.items.length - 1].position;
    }
  }

  async function until(what: string, urlPath: string, bearer: string, holds: (body: Json) => boolean): Promise<void> {
    for (let i = 0; i < 150; i++) {
      if (holds(await get(urlPath, bearer))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`waited 15 s for ${what}`);
  }

  async function restart(): Promise<void> {
    await ledger!.stop();
    ledger = await startLedger(env);
  }

  /** A body like `body` but different (the same key must then answer 422). */
  function otherBody(body: Json): Json {
    const [field] = Object.keys(body).filter((key) => typeof body[key] === 'string');
    return field ? { ...body, [field]: `${body[field]}-other` } : { ...body, note: 'other' };
  }

  const policy = policyBody();
  const origination = (assetId: string) => ({
    enterpriseId: 'ent-1',
    principal: '2000000.00',
    annualRateBps: 1200,
    termMonths: 12,
    repaymentMethod: 'bullet',
    originationDate: '2026-01-10',
    pledges: [{ assetId, registrationNumber: `Y2026-${assetId}`, consentingOwnerIds: [] }],
  });
  const fixed = (name: string, bearer: string, urlPath: string, body: Json, then?: () => Promise<void>): Step => ({
    name,
    token: bearer,
    path: () => urlPath,
    body: () => body,
    then,
  });
  const onLoan = (loan: 'a' | 'b', name: string, bearer: string, action: string, body: Json): Step => ({
    name: `${name} (loan ${loan})`,
    token: bearer,
    path: () => `/v1/loans/${loans[loan]}/${action}`,
    body: () => body,
  });
  const onClaim = (loan: 'a' | 'b', name: string, bearer: string, action: string, body: Json): Step => ({
    name: `${name} (claim ${loan})`,
    token: bearer,
    path: () => `/v1/claims/${loans[loan]}/${action}`,
    body: () => body,
  });

  const steps: Step[] = [
    fixed('register bank', ADMIN, '/v1/banks', { bankId: 'B1', name: 'Fuzhou Bank', creditCode: CREDIT_CODES.bank }),
    fixed('register enterprise', ADMIN, '/v1/enterprises', {
      enterpriseId: 'ent-1',
      name: 'Minjiang Photonics',
      creditCode: CREDIT_CODES.enterprise,
      region: 'Fujian/Fuzhou',
      size: 'small',
    }),
    fixed('certify', ADMIN, '/v1/enterprises/ent-1/certifications', {
      certification: 'high-tech',
      grantDate: '2025-12-01',
      expiryDate: '2028-11-30',
    }),
    fixed('revoke certification', ADMIN, '/v1/enterprises/ent-1/certification-revocations', {
      certification: 'high-tech',
      revocationDate: '2026-06-30',
      reason: 'Annual review failed',
    }),
    ...(['patent-1', 'patent-2', 'patent-3'] as const).map((ipAssetId, index) =>
      fixed(`register ${ipAssetId}`, ADMIN, '/v1/ip-assets', {
        ipAssetId,
        kind: 'invention-patent',
        number: [...PATENT_NUMBERS, '202310123456.6'][index],
        title: `Patent ${ipAssetId}`,
        ownerEnterpriseIds: ['ent-1'],
        grantDate: '2023-05-10',
        expiryDate: '2041-03-01',
      }),
    ),
    fixed('value patent-1', ADMIN, '/v1/ip-assets/patent-1/valuations', {
      appraiser: 'Fujian Zhongxin Appraisal',
      value: '1500000.00',
      valuationDate: '2026-01-05',
    }),
    fixed('file an invalidation of patent-3', ADMIN, '/v1/ip-assets/patent-3/legal-status', {
      event: 'invalidation-filed',
      date: '2026-01-07',
      caseNumber: '4W112233',
    }),
    fixed('resolve it', ADMIN, '/v1/ip-assets/patent-3/legal-status', {
      event: 'invalidation-resolved',
      date: '2026-03-01',
      caseNumber: '4W112233',
      outcome: 'upheld',
    }),
    fixed('establish fund', FM1, '/v1/funds', { fundId: 'fund-1', name: 'Risk fund', establishedOn: '2026-01-01' }),
    fixed('contribute', FM1, '/v1/funds/fund-1/contributions', {
      contributor: 'Finance department',
      amount: '10000000.00',
      valueDate: '2026-01-02',
    }),
    fixed('publish policy', FM1, '/v1/funds/fund-1/policies', policy),
    fixed('admit bank', FM1, '/v1/funds/fund-1/banks', { bankId: 'B1', admittedOn: '2026-01-03' }),
    fixed('suspend bank', FM1, '/v1/funds/fund-1/banks/B1/suspension', {
      reason: 'Reporting overdue',
      suspendedOn: '2026-01-04',
    }),
    fixed('reinstate bank', FM1, '/v1/funds/fund-1/banks/B1/reinstatement', {
      reason: 'Reports filed',
      reinstatedOn: '2026-01-05',
    }),
    ...(['a', 'b'] as const).map((loan, index) => ({
      ...fixed(`originate loan ${loan}`, BANK, '/v1/loans', origination(`patent-${index + 1}`)),
      keep: (answer: Sent) => (loans[loan] = answer.body.id),
      then: () =>
        until(`loan ${loan} pledges secured`, `/v1/loans/${loans[loan]}`, BANK, (j) => j.status === 'pledges-secured'),
    })),
    onLoan('a', 'disburse', BANK, 'disbursements', { valueDate: '2026-01-15' }),
    onLoan('b', 'disburse', BANK, 'disbursements', { valueDate: '2026-01-15' }),
    ...(['a', 'b'] as const).map((loan) => ({
      name: `enrol loan ${loan}`,
      token: FM1,
      path: () => '/v1/funds/fund-1/enrolments',
      body: () => ({ loanId: loans[loan], enrolledOn: '2026-01-20' }),
      then: () =>
        until(`loan ${loan} covered`, `/v1/loans/${loans[loan]}`, BANK, (j) => j.fundCoverage?.recordedOnLoan === true),
    })),
    onLoan('a', 'repay', BANK, 'repayments', { amount: '35000.00', valueDate: '2026-02-15' }),
    ...(['a', 'b'] as const).flatMap((loan) => [
      onLoan(loan, 'assess', BANK, 'delinquency-assessments', { asOf: '2026-06-14' }),
      onLoan(loan, 'default', BANK, 'default', { asOf: '2026-06-14' }),
      {
        name: `file claim ${loan}`,
        token: BANK,
        path: () => '/v1/claims',
        body: () => ({ loanId: loans[loan], filedOn: '2026-06-20' }),
      },
    ]),
    onClaim('a', 'approve (fm1)', FM1, 'approvals', { approvedOn: '2026-06-25' }),
    {
      ...onClaim('a', 'approve (fm2)', FM2, 'approvals', { approvedOn: '2026-06-25' }),
      then: () => until('claim a paid', `/v1/claims/${loans.a}`, FM1, (j) => j.status === 'paid'),
    },
    onClaim('a', 'pay (already paid: changes nothing)', FM1, 'payouts', { valueDate: '2026-06-26' }),
    onClaim('b', 'reject', FM1, 'rejections', { reason: 'Default not documented', rejectedOn: '2026-06-27' }),
    {
      ...onLoan('a', 'record recovery', BANK, 'recoveries', {
        amount: '300000.00',
        source: 'pledge-enforcement',
        valueDate: '2026-09-01',
        assetId: 'patent-1',
      }),
      then: () => until('recovery shared', '/v1/funds/fund-1/dashboard', FM1, (j) => j.recovered !== '0.00'),
    },
    onLoan('a', 'write off', BANK, 'write-off', { valueDate: '2026-12-31' }),
  ];
  // A restart costs seconds: every fifth step in CI, every third with LEDGER_RELIABILITY_RUNS set.
  const MODES: Mode[] = process.env.LEDGER_RELIABILITY_RUNS
    ? ['concurrent', 'sequential', 'restart']
    : ['concurrent', 'sequential', 'concurrent', 'sequential', 'restart'];

  it.each(
    steps.map((step, index) => [step.name, MODES[index % MODES.length], 2 + (index % (MAX_COPIES - 1)), step] as const),
  )(
    '%s, %s, %d times: one effect, the same answer each time, another body 422',
    async (_name, mode, copies, step) => {
      const key = `r4-${randomUUID()}`;
      sentCorrelations.clear();
      const before = new Set((await history()).map((event) => event.position));
      const urlPath = step.path();
      const body = step.body();

      let answers: Sent[];
      if (mode === 'concurrent') {
        answers = await Promise.all(Array.from({ length: copies }, () => send(step, urlPath, body, key)));
      } else {
        answers = [await send(step, urlPath, body, key)];
        if (mode === 'restart') await restart();
        for (let i = 1; i < copies; i++) answers.push(await send(step, urlPath, body, key));
      }
      const [first] = answers;
      expect({ step: step.name, done: [200, 201].includes(first.status), body: first.body }).toEqual({
        step: step.name,
        done: true,
        body: expect.objectContaining({ id: expect.any(String) }),
      });
      expect(answers).toEqual(answers.map(() => first));
      step.keep?.(first);
      await step.then?.();

      const added = (await history()).filter(
        (event) => !before.has(event.position) && sentCorrelations.has(event.metadata.correlationId),
      );
      const correlations = new Set(added.map((event) => event.metadata.correlationId));
      // Exactly one request took effect: the new events (the command's, and what process managers
      // did because of it) carry one correlation id; a no-op (the already paid claim) has none.
      expect({ step: step.name, correlations: correlations.size }).toEqual({
        step: step.name,
        correlations: first.body.position === null ? 0 : 1,
      });
      if (first.body.position !== null) {
        const own = added.filter((event) => event.position === first.body.position);
        expect(own).toHaveLength(1);
        expect(own[0].revision).toBe(first.body.revision);
      }

      const count = (await history()).length;
      const other = await send(step, urlPath, otherBody(body), key);
      expect({ status: other.status, code: other.body?.error?.code }).toEqual({
        status: 422,
        code: expect.any(String),
      });
      expect((await history()).length).toBe(count);
    },
    60_000,
  );
});
