import type { Answer, Json, LifecycleServer } from '../lifecycle/lifecycle-server';

/**
 * The audit tests' world, built over HTTP: bank B1 lends 2,000,000.00 to ent-1 against patent-1
 * (the pledging process manager secures it), disburses, and later receives 35,000.00; the fund
 * gets 10,000,000.00, and after the repayment another 5,000,000.00.
 */
export interface AuditWorld {
  readonly ADMIN: string;
  readonly BANK: string;
  readonly FM: string;
  readonly AUDITOR: string;
  readonly loanId: string;
  /** Position of the disbursement: the last loan event before the repayment. */
  readonly beforeRepayment: string;
  /** A moment after the disbursement was recorded and before the repayment was. */
  readonly momentBeforeRepayment: string;
  readonly momentAfterRepayment: string;
  readonly repaymentRevision: number;
  /** Position of the first contribution: the fund held 10,000,000.00 then. */
  readonly firstContribution: string;
  /** Position of the second contribution, the last command. */
  readonly head: string;
}

const POLL_MS = 100;

async function must(answer: Promise<Answer>): Promise<Json> {
  const done = await answer;
  if (done.status !== 200 && done.status !== 201) {
    throw new Error(`set-up step answered ${done.status} ${JSON.stringify(done.body)}`);
  }
  return done.body;
}

/** A distinct millisecond on the server's clock (the same machine's): events before it, none at it. */
async function moment(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const mark = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return mark;
}

export async function buildAuditWorld(server: LifecycleServer): Promise<AuditWorld> {
  const ADMIN = server.token({ role: 'admin', sub: 'olga' });
  const BANK = server.token({ role: 'bank', sub: 'alice', bankId: 'B1' });
  const FM = server.token({ role: 'fund-manager', sub: 'fm1' });
  const AUDITOR = server.token({ role: 'auditor', sub: 'audrey' });

  await must(
    server.post('/v1/banks', ADMIN, {
      bankId: 'B1',
      name: 'Fuzhou Rural Commercial Bank',
      creditCode: '91440300708461136T',
    }),
  );
  await must(
    server.post('/v1/enterprises', ADMIN, {
      enterpriseId: 'ent-1',
      name: 'Minjiang Photonics',
      creditCode: '91350100M000100Y43',
      region: 'Fujian/Fuzhou',
      size: 'small',
    }),
  );
  await must(
    server.post('/v1/ip-assets', ADMIN, {
      ipAssetId: 'patent-1',
      kind: 'invention-patent',
      number: '202110345678.3',
      title: 'Tunable laser diode array',
      ownerEnterpriseIds: ['ent-1'],
      grantDate: '2023-05-10',
      expiryDate: '2041-03-01',
    }),
  );
  await must(
    server.post('/v1/funds', FM, {
      fundId: 'fund-1',
      name: 'Fujian IP pledge risk fund',
      establishedOn: '2026-01-01',
    }),
  );
  const firstContribution = (
    await must(
      server.post('/v1/funds/fund-1/contributions', FM, {
        contributor: 'Fujian provincial finance department',
        amount: '10000000.00',
        valueDate: '2026-01-02',
      }),
    )
  ).position;
  const loanId = (
    await must(
      server.post('/v1/loans', BANK, {
        enterpriseId: 'ent-1',
        principal: '2000000.00',
        annualRateBps: 1200,
        termMonths: 12,
        repaymentMethod: 'bullet',
        originationDate: '2026-01-10',
        pledges: [{ assetId: 'patent-1', registrationNumber: 'Y2026-patent-1', consentingOwnerIds: [] }],
      }),
    )
  ).id;
  for (let i = 0; ; i++) {
    const loan = await server.get(`/v1/loans/${loanId}`, BANK);
    if (loan.status === 200 && loan.body.status === 'pledges-secured') break;
    if (i > 100) throw new Error(`the pledges were never secured: ${JSON.stringify(loan.body)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const beforeRepayment = (
    await must(server.post(`/v1/loans/${loanId}/disbursements`, BANK, { valueDate: '2026-01-15' }))
  ).position;
  const momentBeforeRepayment = await moment();
  const repayment = await must(
    server.post(`/v1/loans/${loanId}/repayments`, BANK, { amount: '35000.00', valueDate: '2026-02-15' }),
  );
  const repaymentRevision: number = repayment.revision;
  const momentAfterRepayment = await moment();
  const head = (
    await must(
      server.post('/v1/funds/fund-1/contributions', FM, {
        contributor: 'Fujian provincial finance department',
        amount: '5000000.00',
        valueDate: '2026-03-01',
      }),
    )
  ).position;
  return {
    ADMIN,
    BANK,
    FM,
    AUDITOR,
    loanId,
    beforeRepayment,
    momentBeforeRepayment,
    momentAfterRepayment,
    repaymentRevision,
    firstContribution,
    head,
  };
}

/** The whole history, unfiltered, in global order, as the auditor reads it (one page: the world is small). */
export async function auditHistory(server: LifecycleServer, w: AuditWorld): Promise<Json[]> {
  const answer = await server.get('/v1/audit/events?limit=500', w.AUDITOR);
  expect(answer.status).toBe(200);
  expect(answer.body.nextCursor).toBeNull();
  return answer.body.items as Json[];
}
