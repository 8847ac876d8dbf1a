import { startApiTestApp, type Answer, type ApiTestApp } from '../api/support/api-test-app';
import { CREDIT_CODES, PATENT_NUMBERS } from '../api/support/command-routes';

/**
 * The GET routes over HTTP on the embedded default, projections in-process: a write is visible at
 * once to a read naming its position, tenancy holds inside the queries, the auditor pages through
 * the raw history, and malformed reads are 400s.
 */
describe('the read side over HTTP', () => {
  let api: ApiTestApp;
  let admin: string;
  let bankA: string;
  let bankB: string;
  let enterpriseA: string;
  let enterpriseB: string;
  let auditor: string;
  let fundManager: string;

  /** Named by the server when bank-a originates it. */
  let LOAN = '';
  const ASSET = 'patent-r-1';

  beforeAll(async () => {
    api = await startApiTestApp();
    admin = api.token('admin', { sub: 'olga' });
    bankA = api.token('bank', { sub: 'teller-a', bankId: 'bank-a' });
    bankB = api.token('bank', { sub: 'teller-b', bankId: 'bank-b' });
    enterpriseA = api.token('enterprise', { sub: 'cfo-a', enterpriseId: 'ent-a' });
    enterpriseB = api.token('enterprise', { sub: 'cfo-b', enterpriseId: 'ent-b' });
    auditor = api.token('auditor', { sub: 'audrey' });
    fundManager = api.token('fund-manager', { sub: 'fm-wang' });
  });

  afterAll(async () => {
    await api?.close();
  });

  function created(answer: Answer): string {
    expect(answer.status).toBe(201);
    return answer.body.position as string;
  }

  it("reads the admin's registrations at once with ?minPosition, no polling", async () => {
    created(
      await api.post('/v1/banks', {
        token: admin,
        body: { bankId: 'bank-a', name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
      }),
    );
    const bankPosition = created(
      await api.post('/v1/banks', {
        token: admin,
        body: { bankId: 'bank-b', name: 'Xiamen City Bank', creditCode: '91310000607216596U' },
      }),
    );
    const portfolio = await api.get(`/v1/banks/bank-b/portfolio?minPosition=${bankPosition}`, { token: bankB });
    expect(portfolio.status).toBe(200);
    expect(portfolio.body).toMatchObject({ bankId: 'bank-b', name: 'Xiamen City Bank', totals: { loans: 0 } });

    created(
      await api.post('/v1/enterprises', {
        token: admin,
        body: {
          enterpriseId: 'ent-a',
          name: 'Minjiang Photonics',
          creditCode: CREDIT_CODES.enterprise,
          region: 'Fujian/Fuzhou',
          size: 'small',
        },
      }),
    );
    const assetPosition = created(
      await api.post('/v1/ip-assets', {
        token: admin,
        body: {
          ipAssetId: ASSET,
          kind: 'invention-patent',
          number: PATENT_NUMBERS[0],
          title: 'Tunable laser diode array',
          ownerEnterpriseIds: ['ent-a'],
          grantDate: '2023-05-10',
          expiryDate: '2041-03-01',
        },
      }),
    );
    const register = await api.get(`/v1/ip-assets?owner=ent-a&minPosition=${assetPosition}`, { token: bankA });
    expect(register.status).toBe(200);
    expect(register.body.items).toEqual([
      expect.objectContaining({ ipAssetId: ASSET, ownerEnterpriseIds: ['ent-a'], pledgeStatus: 'free' }),
    ]);
    const asset = await api.get(`/v1/ip-assets/${ASSET}?minPosition=${assetPosition}`, { token: admin });
    expect({ status: asset.status, etag: asset.etag }).toEqual({ status: 200, etag: '"0"' });

    const dashboard = await api.get(`/v1/enterprises/ent-a/dashboard?minPosition=${assetPosition}`, {
      token: enterpriseA,
    });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({ enterpriseId: 'ent-a', name: 'Minjiang Photonics', loans: [] });
    expect((await api.get('/v1/enterprises/ent-a/dashboard', { token: enterpriseB })).status).toBe(404);
  });

  it("shows a bank its own loan, and another bank's as 404, never the loan", async () => {
    const originated = await api.post('/v1/loans', {
      token: bankA,
      body: {
        enterpriseId: 'ent-a',
        principal: '2000000.00',
        annualRateBps: 1200,
        termMonths: 12,
        repaymentMethod: 'bullet',
        originationDate: '2026-01-10',
        pledges: [{ assetId: ASSET, registrationNumber: `Y2026-${ASSET}`, consentingOwnerIds: [] }],
      },
    });
    const position = created(originated);
    LOAN = originated.body.id;
    const own = await api.get(`/v1/loans/${LOAN}?minPosition=${position}`, { token: bankA });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ loanId: LOAN, bankId: 'bank-a', enterpriseId: 'ent-a', principal: '2000000.00' });
    expect(own.etag).toMatch(/^"\d+"$/);

    const foreign = await api.get(`/v1/loans/${LOAN}?minPosition=${position}`, { token: bankB });
    expect({ status: foreign.status, code: foreign.body.error.code }).toEqual({ status: 404, code: 'LOAN.NOT_FOUND' });
    expect(JSON.stringify(foreign.body)).not.toContain('2000000');
    const unknown = await api.get('/v1/loans/no-such-loan', { token: bankA });
    expect({ status: unknown.status, message: unknown.body.error.message.replace('no-such-loan', LOAN) }).toEqual({
      status: 404,
      message: foreign.body.error.message,
    });
    expect((await api.get(`/v1/loans?minPosition=${position}`, { token: bankB })).body.items).toEqual([]);
    expect((await api.get(`/v1/loans?minPosition=${position}`, { token: bankA })).body.items).toEqual([
      expect.objectContaining({ loanId: LOAN }),
    ]);
    expect((await api.get(`/v1/loans/${LOAN}`, { token: enterpriseA })).status).toBe(200);
    expect((await api.get(`/v1/loans/${LOAN}`, { token: enterpriseB })).status).toBe(404);
    // Not enrolled in a fund: the fund manager does not see it.
    expect((await api.get(`/v1/loans/${LOAN}`, { token: fundManager })).status).toBe(404);
    expect((await api.get(`/v1/loans/${LOAN}`, { token: admin })).status).toBe(403);
  });

  it('gives the ETag a conditional command needs: If-Match with it succeeds', async () => {
    await api.settle(); // the pledging process manager secures the pledge
    const head = await api.get('/v1/audit/events?limit=500', { token: auditor });
    const last = head.body.items[head.body.items.length - 1].position as string;
    const loan = await api.get(`/v1/loans/${LOAN}?minPosition=${last}`, { token: bankA });
    expect(loan.body.status).toBe('pledges-secured');
    const disbursed = await api.post(`/v1/loans/${LOAN}/disbursements`, {
      token: bankA,
      body: { valueDate: '2026-01-15' },
      headers: { 'if-match': loan.etag! },
    });
    expect(disbursed.status).toBe(200);
  });

  it('pages the raw history for the auditor, in global order, with metadata', async () => {
    const total = await api.eventCount();
    const seen: { position: string; metadata: { actor: { sub: string } } }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=3' : `?limit=3&after=${cursor}`;
      const page = await api.get(`/v1/audit/events${query}`, { token: auditor });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(total);
    const positions = seen.map((event) => BigInt(event.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(positions).size).toBe(total);
    expect(seen[0].metadata.actor.sub).toBe('olga');

    const stream = await api.get(`/v1/audit/streams/loan-${LOAN}`, { token: auditor });
    expect(stream.status).toBe(200);
    expect(stream.body.items.map((event: { revision: number }) => event.revision)).toEqual(
      stream.body.items.map((_: unknown, index: number) => index),
    );
    expect((await api.get('/v1/audit/streams/loan-nothing', { token: auditor })).status).toBe(404);
    const streams = await api.get(
      `/v1/audit/streams?aggregateType=loan&minPosition=${seen[seen.length - 1].position}`,
      {
        token: auditor,
      },
    );
    expect(streams.body.items).toEqual([
      expect.objectContaining({ streamId: `loan-${LOAN}`, lastRevision: stream.body.items.length - 1 }),
    ]);
    for (const token of [admin, bankA, fundManager, enterpriseA]) {
      expect((await api.get('/v1/audit/events', { token })).status).toBe(403);
    }
  });

  it.each([
    '/v1/audit/events?limit=0',
    '/v1/audit/events?limit=501',
    '/v1/audit/events?limit=ten',
    '/v1/audit/events?after=yesterday',
    '/v1/loans?limit=2.5',
    '/v1/loans?after=../etc',
    '/v1/loans?status=lost',
    '/v1/loans?minPosition=latest',
    '/v1/loans?colour=red',
    '/v1/claims?status=open',
    '/v1/ledger/journal?after=x',
    '/v1/ledger/journal?from=2026-02-30',
  ])('refuses %s with 400 naming the parameter', async (url) => {
    const token = url.startsWith('/v1/audit') ? auditor : url.startsWith('/v1/ledger') ? fundManager : bankA;
    const answer = await api.get(url, { token });
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 400, code: 'REQUEST.INVALID' });
    const parameter = /[?&]([a-zA-Z]+)=/.exec(url)![1];
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(parameter);
  });

  it('answers 503 PROJECTION.LAGGING when the views do not reach minPosition in time', async () => {
    const answer = await api.get('/v1/claims?minPosition=999999', { token: fundManager });
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({
      status: 503,
      code: 'PROJECTION.LAGGING',
    });
    expect(answer.body.error.details).toMatchObject({ minPosition: '999999', lagging: ['claims'] });
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.headers.get('x-correlation-id')).toBe(answer.body.error.correlationId);
  });
});
