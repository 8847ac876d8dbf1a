import jwt from 'jsonwebtoken';
import { creditCodeCheckCharacter, patentCheckCharacter } from '@pledge-ledger/domain';
import { inParallel, type HttpAnswer, type HttpClient } from './http-client';

/**
 * A small ledger set up through the HTTP API, as its users would: the admin registers a bank, an
 * enterprise and one patent per loan; a fund manager establishes and capitalises a fund, publishes
 * its policy and admits the bank; the bank originates each loan pledging its patent, the pledging
 * process manager secures the pledge, the bank disburses, the fund enrols the loan and the
 * fund-coverage process manager records the cover on it. Every id ends with `suffix`.
 */
export interface World {
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly fundId: string;
  /** Named by the server (a UUID each). */
  readonly loanIds: readonly string[];
  /** The patent each loan pledges, in the same order. */
  readonly assetIds: readonly string[];
  readonly tokens: Tokens;
}

export interface Tokens {
  readonly admin: string;
  readonly bank: string;
  readonly fundManager: string;
  readonly secondFundManager: string;
}

/** A secret only this run knows, handed to the API as LEDGER_JWT_SECRET. */
export function benchSecret(): string {
  return `bench-secret-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-0123456789abcdef`;
}

/** Tokens signed as `npm run token` signs them (HS256, role and tenant claims, subject). */
export function mintTokens(secret: string, bankId: string): Tokens {
  const sign = (sub: string, claims: Record<string, string>): string =>
    jwt.sign(claims, secret, { algorithm: 'HS256', subject: sub, expiresIn: '2h' });
  return {
    admin: sign('bench-admin', { role: 'admin' }),
    bank: sign('bench-officer', { role: 'bank', bankId }),
    fundManager: sign('bench-fm1', { role: 'fund-manager' }),
    secondFundManager: sign('bench-fm2', { role: 'fund-manager' }),
  };
}

export const DISBURSED_ON = '2026-01-15';
const FIRST_REPAYMENT_ON = '2026-02-01';

/** The `index`-th repayment of a loan: 50.00, value dates one day further every three repayments. */
export function repaymentBody(index: number): { amount: string; valueDate: string } {
  const date = new Date(`${FIRST_REPAYMENT_ON}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.floor(index / 3));
  return { amount: '50.00', valueDate: date.toISOString().slice(0, 10) };
}

/** A valid invention patent number (year 2023, serial `serial`). */
function patentNumber(serial: number): string {
  const digits = `20231${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckCharacter(digits)}`;
}

function creditCode(body17: string): string {
  return body17 + creditCodeCheckCharacter(body17);
}

const POLICY = {
  version: 1,
  coverageTiers: [
    { upToPrincipal: '5000000.00', ratioBps: 4000 },
    { upToPrincipal: '15000000.00', ratioBps: 3000 },
    { upToPrincipal: '30000000.00', ratioBps: 2000 },
  ],
  perLoanCap: '750000.00',
  perBankAnnualCap: '500000000.00',
  defaultThresholdDays: 90,
  bankSuspensionBadLoanRatioBps: 5000,
  eligibleEnterpriseSizes: ['micro', 'small'],
  eligibleCertifications: [],
  maxLoanPrincipal: '30000000.00',
  dualApprovalThreshold: '500000.00',
  effectiveFrom: '2026-01-01',
};

export interface SeedOptions {
  readonly loans: number;
  readonly suffix: string;
  readonly secret: string;
  /** Requests in flight at once while setting up the loans. */
  readonly concurrency: number;
  readonly log?: (line: string) => void;
}

let keys = 0;
function key(what: string): string {
  return `${what}-${process.pid}-${++keys}`;
}

export async function seedWorld(client: HttpClient, options: SeedOptions): Promise<World> {
  const { suffix } = options;
  const bankId = `bank${suffix}`;
  const enterpriseId = `ent${suffix}`;
  const fundId = `fund${suffix}`;
  const tokens = mintTokens(options.secret, bankId);
  const post = (path: string, token: string, body: unknown, expected = [200, 201]): Promise<HttpAnswer> =>
    client.expect(expected, 'POST', path, token, body, key('seed'));

  await post('/v1/banks', tokens.admin, {
    bankId,
    name: 'Bench Rural Commercial Bank',
    creditCode: creditCode('91440300708461136'),
  });
  await post('/v1/enterprises', tokens.admin, {
    enterpriseId,
    name: 'Bench Photonics',
    creditCode: creditCode('91350100M000100Y4'),
    region: 'Fujian/Fuzhou',
    size: 'small',
  });
  await post('/v1/funds', tokens.fundManager, {
    fundId,
    name: 'Bench IP pledge risk fund',
    establishedOn: '2026-01-01',
  });
  await post(`/v1/funds/${fundId}/contributions`, tokens.fundManager, {
    contributor: 'Provincial finance department',
    amount: '10000000000.00',
    valueDate: '2026-01-02',
  });
  await post(`/v1/funds/${fundId}/policies`, tokens.fundManager, POLICY);
  await post(`/v1/funds/${fundId}/banks`, tokens.fundManager, { bankId, admittedOn: '2026-01-03' });

  const assetIds = Array.from({ length: options.loans }, (_, i) => `patent-${i}${suffix}`);
  const loanIds: string[] = new Array<string>(options.loans);
  await inParallel(assetIds, options.concurrency, async (assetId, i) => {
    await post('/v1/ip-assets', tokens.admin, {
      ipAssetId: assetId,
      kind: 'invention-patent',
      number: patentNumber(i + 1),
      title: `Bench patent ${i}`,
      ownerEnterpriseIds: [enterpriseId],
      grantDate: '2023-05-10',
      expiryDate: '2041-03-01',
    });
    const originated = await post('/v1/loans', tokens.bank, {
      enterpriseId,
      principal: '1000000.00',
      annualRateBps: 385,
      termMonths: 120,
      repaymentMethod: 'equal-instalments',
      originationDate: '2026-01-10',
      pledges: [{ assetId, registrationNumber: `Y2026-${assetId}`, consentingOwnerIds: [] }],
    });
    const loanId = (JSON.parse(originated.body) as { id: string }).id;
    loanIds[i] = loanId;
    await waitFor(client, `/v1/loans/${loanId}`, tokens.bank, (loan) => loan.status === 'pledges-secured');
    await post(`/v1/loans/${loanId}/disbursements`, tokens.bank, { valueDate: DISBURSED_ON });
  });
  options.log?.(`  ${loanIds.length} loans originated, pledged and disbursed`);
  // Enrolments all append to the fund's one stream: one at a time, as a fund manager would.
  for (const loanId of loanIds)
    await post(`/v1/funds/${fundId}/enrolments`, tokens.fundManager, { loanId, enrolledOn: '2026-01-20' });
  // The fund-coverage process manager then writes to each loan: wait until it reached the last one,
  // so its writes do not race the benchmark's repayments.
  const last = loanIds[loanIds.length - 1];
  if (last !== undefined)
    await waitFor(
      client,
      `/v1/loans/${last}`,
      tokens.bank,
      (loan) => (loan.fundCoverage as { recordedOnLoan?: boolean } | undefined)?.recordedOnLoan === true,
    );
  options.log?.(`  ${loanIds.length} loans enrolled in the fund, cover recorded on each`);
  return { bankId, enterpriseId, fundId, loanIds, assetIds, tokens };
}

/** Polls a GET (bounded: 30 s) until `condition` holds on its JSON body: for what a process manager does. */
export async function waitFor(
  client: HttpClient,
  path: string,
  token: string,
  condition: (body: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  let last: HttpAnswer | undefined;
  for (let i = 0; i < 300; i++) {
    last = await client.request('GET', path, token);
    if (last.status === 200) {
      const body = JSON.parse(last.body) as Record<string, unknown>;
      if (condition(body)) return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET ${path}: waited 30 s, last answer ${last?.status} ${last?.body}`);
}

/**
 * The life of a loan that goes bad, after the walk-through: no repayment, 90+ days past due, default,
 * a claim approved and paid out of the fund (claim-payment process manager), a recovery from selling
 * the patent shared with the fund (recovery-sharing and pledge-enforcement process managers), write-off.
 */
export async function seedDefaultedLoan(client: HttpClient, world: World, loan: number): Promise<string> {
  const loanId = world.loanIds[loan];
  const assetId = world.assetIds[loan];
  const { tokens } = world;
  const post = (path: string, token: string, body: unknown): Promise<HttpAnswer> =>
    client.expect([200, 201], 'POST', path, token, body, key('claim'));
  await post(`/v1/loans/${loanId}/delinquency-assessments`, tokens.bank, { asOf: '2026-06-14' });
  await post(`/v1/loans/${loanId}/default`, tokens.bank, { asOf: '2026-06-14' });
  const filed = await post('/v1/claims', tokens.bank, { loanId, filedOn: '2026-06-20' });
  const claimId = (JSON.parse(filed.body) as { id: string }).id;
  await post(`/v1/claims/${claimId}/approvals`, tokens.fundManager, { approvedOn: '2026-06-25' });
  await waitFor(client, `/v1/claims/${claimId}`, tokens.fundManager, (claim) => claim.status === 'paid');
  await post(`/v1/loans/${loanId}/recoveries`, tokens.bank, {
    amount: '300000.00',
    source: 'pledge-enforcement',
    valueDate: '2026-09-01',
    assetId,
  });
  await waitFor(client, `/v1/ip-assets/${assetId}`, tokens.bank, (asset) => asset.pledgeStatus === 'enforced');
  await post(`/v1/loans/${loanId}/write-off`, tokens.bank, { valueDate: '2026-12-31' });
  return claimId;
}
