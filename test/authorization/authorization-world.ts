import { EVENT_STORE } from '@pledge-ledger/application';
import { formatPosition, START, type EventStore } from '@pledge-ledger/event-store';
import type { Answer, ApiTestApp } from '../api/support/api-test-app';
import { CREDIT_CODES, PATENT_NUMBERS } from '../api/support/command-routes';
import { policyBody } from '../support/policy-body';

/**
 * The world of the authorisation matrix, set up once over HTTP with the role the contract names
 * for each step (the process managers secure the pledges and record the fund's cover):
 *
 *   bank-1 lends loan-1 to ent-1 against patent-1; loan-1 is enrolled in fund-1, defaulted, and
 *          its claim filed and approved once (by fm-wang);
 *   bank-2 lends loan-2 to ent-2 against patent-2 (enrolled, defaulted, claim filed) and loan-3
 *          to ent-2 against patent-3 (disbursed, never enrolled: no fund manager may see it).
 */
export const W = {
  fund: 'fund-1',
  bank1: 'bank-1',
  bank2: 'bank-2',
  ent1: 'ent-1',
  ent2: 'ent-2',
  patent1: 'patent-1',
  patent2: 'patent-2',
  patent3: 'patent-3',
  loan1: 'loan-1',
  loan2: 'loan-2',
  loan3: 'loan-3',
  fundManagerSub: 'fm-wang',
} as const;

/**
 * The server names every loan (issue 5), so `W.loan1`..`W.loan3` are aliases: `setUpWorld` records
 * the id each origination answered, and `resolveIds` puts the real ids in place of the aliases in a
 * path or body (also inside `loan-loan-1` stream ids and `claim-...`).
 */
const loanIds = new Map<string, string>();
const LOAN_ALIAS = /loan-[1-3](?![0-9])/g;

export function resolveIds<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(LOAN_ALIAS, (alias) => {
      const id = loanIds.get(alias);
      if (id === undefined) throw new Error(`the world has no ${alias} yet: call setUpWorld first`);
      return id;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolveIds(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveIds(item)])) as T;
  }
  return value;
}

/** The real ids of the world's loans (after `setUpWorld`). */
export function worldLoanIds(): string[] {
  return [...loanIds.values()];
}

/** A third invention patent number with its check digit. */
const PATENT_3 = '202310123456.6';

export async function setUpWorld(api: ApiTestApp): Promise<void> {
  const admin = api.token('admin', { sub: 'olga' });
  const fm = api.token('fund-manager', { sub: W.fundManagerSub });
  const bank1 = api.token('bank', { sub: 'teller-1', bankId: W.bank1 });
  const bank2 = api.token('bank', { sub: 'teller-2', bankId: W.bank2 });

  const must = async (what: string, answer: Promise<Answer>): Promise<Answer> => {
    const done = await answer;
    if (done.status !== 200 && done.status !== 201) {
      throw new Error(`world set-up: ${what} answered ${done.status} ${JSON.stringify(done.body)}`);
    }
    return done;
  };

  await must(
    'bank-1',
    api.post('/v1/banks', {
      token: admin,
      body: { bankId: W.bank1, name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
    }),
  );
  await must(
    'bank-2',
    api.post('/v1/banks', {
      token: admin,
      body: { bankId: W.bank2, name: 'Xiamen City Bank', creditCode: '91310000607216596U' },
    }),
  );
  for (const [enterpriseId, name, creditCode] of [
    [W.ent1, 'Minjiang Photonics', CREDIT_CODES.enterprise],
    [W.ent2, 'Xiamen Optics', '91110108551385082Q'],
  ] as const) {
    await must(
      enterpriseId,
      api.post('/v1/enterprises', {
        token: admin,
        body: { enterpriseId, name, creditCode, region: 'Fujian/Fuzhou', size: 'small' },
      }),
    );
  }
  for (const [ipAssetId, number, owner] of [
    [W.patent1, PATENT_NUMBERS[0], W.ent1],
    [W.patent2, PATENT_NUMBERS[1], W.ent2],
    [W.patent3, PATENT_3, W.ent2],
  ] as const) {
    await must(
      ipAssetId,
      api.post('/v1/ip-assets', {
        token: admin,
        body: {
          ipAssetId,
          kind: 'invention-patent',
          number,
          title: `Patent ${ipAssetId}`,
          ownerEnterpriseIds: [owner],
          grantDate: '2023-05-10',
          expiryDate: '2041-03-01',
        },
      }),
    );
  }

  await must(
    'fund',
    api.post('/v1/funds', {
      token: fm,
      body: { fundId: W.fund, name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' },
    }),
  );
  const fundSteps: [string, object][] = [
    [
      'contributions',
      { contributor: 'Fujian provincial finance department', amount: '10000000.00', valueDate: '2026-01-02' },
    ],
    [
      'policies',
      policyBody({
        coverageTiers: [
          { upToPrincipal: '5000000.00', ratioBps: 4000 },
          { upToPrincipal: '15000000.00', ratioBps: 3000 },
        ],
      }),
    ],
    ['banks', { bankId: W.bank1, admittedOn: '2026-01-03' }],
    ['banks', { bankId: W.bank2, admittedOn: '2026-01-03' }],
  ];
  for (const [path, body] of fundSteps) {
    await must(`fund ${path}`, api.post(`/v1/funds/${W.fund}/${path}`, { token: fm, body }));
  }

  loanIds.clear();
  const loans = [
    { token: bank1, alias: W.loan1, loanId: '', enterpriseId: W.ent1, assetId: W.patent1 },
    { token: bank2, alias: W.loan2, loanId: '', enterpriseId: W.ent2, assetId: W.patent2 },
    { token: bank2, alias: W.loan3, loanId: '', enterpriseId: W.ent2, assetId: W.patent3 },
  ];
  for (const loan of loans) {
    const originated = await must(
      `originate ${loan.alias}`,
      api.post('/v1/loans', {
        token: loan.token,
        body: {
          enterpriseId: loan.enterpriseId,
          principal: '2000000.00',
          annualRateBps: 1200,
          termMonths: 12,
          repaymentMethod: 'bullet',
          originationDate: '2026-01-10',
          pledges: [{ assetId: loan.assetId, registrationNumber: `Y2026-${loan.assetId}`, consentingOwnerIds: [] }],
        },
      }),
    );
    loan.loanId = String(originated.body.id);
    loanIds.set(loan.alias, loan.loanId);
  }
  await api.settle();
  for (const loan of loans) {
    await must(
      `disburse ${loan.loanId}`,
      api.post(`/v1/loans/${loan.loanId}/disbursements`, {
        token: loan.token,
        body: { valueDate: '2026-01-15' },
      }),
    );
  }
  for (const loan of loans.slice(0, 2)) {
    await must(
      `enrol ${loan.loanId}`,
      api.post(`/v1/funds/${W.fund}/enrolments`, {
        token: fm,
        body: { loanId: loan.loanId, enrolledOn: '2026-01-20' },
      }),
    );
  }
  await api.settle();
  for (const loan of loans.slice(0, 2)) {
    await must(
      `assess ${loan.loanId}`,
      api.post(`/v1/loans/${loan.loanId}/delinquency-assessments`, {
        token: loan.token,
        body: { asOf: '2026-06-14' },
      }),
    );
    await must(
      `default ${loan.loanId}`,
      api.post(`/v1/loans/${loan.loanId}/default`, {
        token: loan.token,
        body: { asOf: '2026-06-14' },
      }),
    );
    await must(
      `claim ${loan.loanId}`,
      api.post('/v1/claims', {
        token: loan.token,
        body: { loanId: loan.loanId, filedOn: '2026-06-20' },
      }),
    );
  }
  await must(
    'approve claim loan-1',
    api.post(`/v1/claims/${resolveIds(W.loan1)}/approvals`, {
      token: fm,
      body: { approvedOn: '2026-06-25' },
    }),
  );
  await api.settle();
}

/** The global position of the last event, for `?minPosition=` so every read sees the world. */
export async function latestPosition(api: ApiTestApp): Promise<string> {
  const store = api.http.app.get<EventStore>(EVENT_STORE);
  const events = await store.readAll({ after: START, maxCount: 100_000 });
  return formatPosition(events[events.length - 1].position);
}
