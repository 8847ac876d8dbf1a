import type { TokenRole } from '../../apps/ledger-api/src/http';
import { startApiTestApp, type Answer, type ApiTestApp } from '../api/support/api-test-app';
import { ENDPOINTS, type Call, type Endpoint } from './authorization-endpoints';
import { latestPosition, resolveIds, setUpWorld, W, worldLoanIds } from './authorization-world';

/**
 * The authorisation matrix of issue 5: every endpoint the application serves x every role
 * (admin, bank-1, ent-1, a fund manager, an auditor, no token) x the caller's own resource,
 * another tenant's, and an unknown id. Allowed roles get the status of the table; a role the
 * route does not allow 403, no token 401; another tenant's resource answers exactly like an
 * unknown one (same status, code and message shape), and no refused call appends an event.
 * Then the lists: no caller ever sees another tenant's item.
 */
type Who = TokenRole | 'no token';
const WHO: readonly Who[] = ['admin', 'bank', 'enterprise', 'fund-manager', 'auditor', 'no token'];

function expectedStatus(endpoint: Endpoint, call: Call, who: Who): number {
  if (endpoint.roles === 'public') return typeof call.status === 'number' ? call.status : 200;
  if (who === 'no token') return 401;
  if (!endpoint.roles.includes(who)) return 403;
  if (call.leak) return call.leak.status;
  const status = typeof call.status === 'number' ? call.status : call.status[who];
  if (status === undefined) throw new Error(`no status for ${who} on ${call.path}`);
  return status;
}

describe('authorisation matrix: every endpoint x every role x own, foreign and unknown resource', () => {
  let api: ApiTestApp;
  let minPosition: string;
  const answers = new Map<string, Answer>();

  const token = (who: Who): string | null => {
    switch (who) {
      case 'no token':
        return null;
      case 'bank':
        return api.token('bank', { sub: 'teller-1', bankId: W.bank1 });
      case 'enterprise':
        return api.token('enterprise', { sub: 'cfo-1', enterpriseId: W.ent1 });
      case 'fund-manager':
        return api.token('fund-manager', { sub: W.fundManagerSub });
      default:
        return api.token(who, { sub: `${who}-person` });
    }
  };

  const read = async (path: string, who: Who): Promise<Answer> => {
    if (path.startsWith('/v1/')) return api.get(`${path}?minPosition=${minPosition}`, { token: token(who) });
    // /health and /metrics: public, and /metrics answers text.
    const bearer = token(who);
    const response = await fetch(`${api.http.baseUrl}${path}`, {
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    });
    const text = await response.text();
    const body = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, etag: response.headers.get('etag'), body };
  };

  beforeAll(async () => {
    api = await startApiTestApp();
    await setUpWorld(api);
    minPosition = await latestPosition(api);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const rows = ENDPOINTS.flatMap((endpoint) =>
    endpoint.calls.flatMap((call) =>
      WHO.map((who) => {
        const status = expectedStatus(endpoint, call, who);
        const known = call.leak && status === call.leak.status ? ` (LEAK: ${call.leak.note})` : '';
        const name = `${endpoint.method} ${call.path}${call.headers ? ` ${JSON.stringify(call.headers)}` : ''}`;
        return [name, call.variant, who, status, known, endpoint, call] as const;
      }),
    ),
  );

  it.each(rows)('%s (%s) as %s is %d%s', async (_name, variant, who, status, _leak, endpoint, call) => {
    await api.settle();
    const before = await api.eventCount();
    const path = resolveIds(call.path);
    const answer =
      endpoint.method === 'GET'
        ? await read(path, who)
        : await api.post(path, { token: token(who), body: resolveIds(call.body), headers: call.headers });
    answers.set(`${endpoint.template}|${variant}|${who}`, answer);
    await api.settle();
    const after = await api.eventCount();

    expect({ status: answer.status, body: answer.status === status ? 'as expected' : answer.body }).toEqual({
      status,
      body: 'as expected',
    });
    if (call.leak && variant === 'foreign-if-match' && who === 'bank') {
      // What leaks: the foreign aggregate's current revision.
      expect(typeof answer.body.error.details.currentRevision).toBe('number');
    }
    if (status === 401) expect(answer.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    if (status === 403) expect(answer.body.error.code).toBe('AUTH.FORBIDDEN');
    if (status >= 400) expect(answer.body.error.correlationId ?? answer.headers.get('x-correlation-id')).toBeTruthy();
    if (status >= 300 || endpoint.method === 'GET') expect(after).toBe(before);
  });

  it('answers a foreign resource exactly like an unknown one: same status, code and message shape', () => {
    const ids = [...Object.values(W), ...worldLoanIds(), 'no-such-id'].sort((a, b) => b.length - a.length);
    const shape = (answer: Answer) => ({
      status: answer.status,
      code: answer.body?.error?.code,
      message: ids.reduce((message, id) => message.replaceAll(id, '<id>'), String(answer.body?.error?.message ?? '')),
      detailKeys: Object.keys(answer.body?.error?.details ?? {}).sort(),
      etag: answer.etag,
    });
    const compared: string[] = [];
    for (const endpoint of ENDPOINTS) {
      if (!endpoint.calls.some((call) => call.variant === 'unknown')) continue;
      for (const foreign of endpoint.calls.filter((call) => call.variant.startsWith('foreign'))) {
        const unknownVariant = foreign.variant === 'foreign-if-match' ? 'unknown-if-match' : 'unknown';
        for (const who of WHO) {
          const foreignAnswer = answers.get(`${endpoint.template}|${foreign.variant}|${who}`)!;
          if (foreignAnswer.status !== 404) continue;
          const unknownAnswer = answers.get(`${endpoint.template}|${unknownVariant}|${who}`)!;
          expect({ endpoint: endpoint.template, who, ...shape(foreignAnswer) }).toEqual({
            endpoint: endpoint.template,
            who,
            ...shape(unknownAnswer),
          });
          compared.push(`${endpoint.template} ${foreign.variant} ${who}`);
        }
      }
    }
    expect(compared.length).toBeGreaterThan(10);
  });

  it('covers every route the application serves (from its OpenAPI document)', async () => {
    const docs = await api.get('/docs-json', { token: null });
    expect(docs.status).toBe(200);
    const served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`),
      )
      .filter((route) => !route.includes(' /test/'))
      .sort();
    const tested = ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.template.replace(/\{[^}]+\}/g, '{}')}`);
    expect(served.filter((route) => !tested.includes(route))).toEqual([]);
    const undocumented = tested.filter((route) => !served.includes(route));
    expect(undocumented.filter((route) => !['GET /health', 'GET /metrics'].includes(route))).toEqual([]);
  });

  it("never answers one bank with another's Idempotency-Key record, even for the same person", async () => {
    const request = { body: { asOf: '2026-03-01' }, headers: { 'idempotency-key': 'shared-key-1' } };
    const bank2 = api.token('bank', { sub: 'teller-1', bankId: W.bank2 });
    const first = await api.post(`/v1/loans/${resolveIds(W.loan3)}/delinquency-assessments`, {
      token: bank2,
      ...request,
    });
    expect(first.status).toBe(200);
    await api.settle();
    const before = await api.eventCount();
    const replay = await api.post(`/v1/loans/${resolveIds(W.loan3)}/delinquency-assessments`, {
      token: token('bank'),
      ...request,
    });
    expect({ status: replay.status, code: replay.body.error?.code }).toEqual({ status: 404, code: 'LOAN.NOT_FOUND' });
    expect(await api.eventCount()).toBe(before);
  });

  describe('lists never show another tenant an item', () => {
    const ids = (answer: Answer, key: string): string[] =>
      (answer.body.items as Record<string, unknown>[]).map((item) => String(item[key] ?? item.id)).sort();
    /** The world's real ids for these aliases, sorted like `ids`. */
    const real = (...aliases: string[]): string[] => aliases.map((alias) => resolveIds(alias)).sort();

    it('bank-1 lists only its loans and claims, and its portfolio holds none of bank-2', async () => {
      const loans = await read('/v1/loans', 'bank');
      expect(loans.status).toBe(200);
      expect(ids(loans, 'loanId')).toEqual(real(W.loan1));
      const claims = await read('/v1/claims', 'bank');
      expect(claims.status).toBe(200);
      expect(ids(claims, 'claimId')).toEqual(real(W.loan1));
      for (const answer of [loans, claims, await read(`/v1/banks/${W.bank1}/portfolio`, 'bank')]) {
        const text = JSON.stringify(answer.body);
        for (const foreign of [W.bank2, ...real(W.loan2, W.loan3), W.ent2])
          expect({ foreign, seen: text.includes(foreign) }).toEqual({ foreign, seen: false });
      }
    });

    it('ent-1 lists only its loans, and its dashboard holds none of ent-2', async () => {
      const loans = await read('/v1/loans', 'enterprise');
      expect(loans.status).toBe(200);
      expect(ids(loans, 'loanId')).toEqual(real(W.loan1));
      const dashboard = await read(`/v1/enterprises/${W.ent1}/dashboard`, 'enterprise');
      expect(dashboard.status).toBe(200);
      for (const answer of [loans, dashboard]) {
        const text = JSON.stringify(answer.body);
        for (const foreign of [W.ent2, ...real(W.loan2, W.loan3), W.bank2, W.patent2, W.patent3]) {
          expect({ foreign, seen: text.includes(foreign) }).toEqual({ foreign, seen: false });
        }
      }
    });

    it('the fund manager lists only enrolled loans, and every claim', async () => {
      const loans = await read('/v1/loans', 'fund-manager');
      expect(loans.status).toBe(200);
      expect(ids(loans, 'loanId')).toEqual(real(W.loan1, W.loan2));
      expect(JSON.stringify(loans.body)).not.toContain(resolveIds(W.loan3));
      const claims = await read('/v1/claims', 'fund-manager');
      expect(ids(claims, 'claimId')).toEqual(real(W.loan1, W.loan2));
    });

    it('the auditor lists every loan', async () => {
      const loans = await read('/v1/loans', 'auditor');
      expect(ids(loans, 'loanId')).toEqual(real(W.loan1, W.loan2, W.loan3));
    });
  });
});
