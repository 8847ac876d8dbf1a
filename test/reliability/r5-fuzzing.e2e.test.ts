import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { LEDGER_CONFIG } from '../../apps/ledger-api/src/config/config.module';
import type { LedgerConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { BODY_LIMIT_BYTES } from '../../apps/ledger-api/src/bootstrap';
import type { TokenRole } from '../../apps/ledger-api/src/http';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { startApiTestApp, type Answer, type ApiTestApp } from '../api/support/api-test-app';
import { ENDPOINTS, type Endpoint } from '../authorization/authorization-endpoints';
import { resolveIds, setUpWorld } from '../authorization/authorization-world';

/**
 * R5 (issue 8): bad input never breaks the ledger. fast-check generates bodies for every POST the
 * OpenAPI document (/docs-json) lists, so a new endpoint is fuzzed as soon as it is served; headers
 * (Authorization malformed, expired, wrong algorithm, `none`; Idempotency-Key oversize or odd;
 * If-Match garbage; a wrong Content-Type) and the query parameters of every GET. Every answer is
 * below 500; a refused request (4xx) appends no event; the process still answers; a body above the
 * limit is 413.
 *
 * LEDGER_RELIABILITY_RUNS raises the runs (CI: 60 per property); LEDGER_RELIABILITY_SEED replays a
 * failure (fast-check prints the seed and the counterexample).
 */
const RUNS = Number(process.env.LEDGER_RELIABILITY_RUNS ?? 60);
const SEED = process.env.LEDGER_RELIABILITY_SEED ? Number(process.env.LEDGER_RELIABILITY_SEED) : undefined;
const ROLES: readonly TokenRole[] = ['admin', 'bank', 'enterprise', 'fund-manager', 'auditor'];

type Json = unknown;
interface Route {
  readonly method: 'GET' | 'POST';
  readonly template: string;
  /** A concrete path on the world's resources. */
  readonly path: string;
  readonly roles: readonly TokenRole[];
  /** A body that passes validation (from the authorisation matrix), when known. */
  readonly body: Record<string, Json> | undefined;
  readonly queryNames: readonly string[];
}

/** Strings that have broken parsers somewhere. */
const NASTY = [
  '',
  ' ',
  '-0.00',
  '1e3',
  '1e309',
  'NaN',
  'Infinity',
  '1.005',
  '0.001',
  '٣٤٥',
  '9'.repeat(400),
  '2026-02-30',
  '0000-00-00',
  '2026-13-01T25:61:00Z',
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  "'; drop table events; --",
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  '{"a":1}',
];
const nasty = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }));

describe('R5: generated bad input never breaks the ledger', () => {
  let api: ApiTestApp;
  let routes: Route[];
  let secret: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    await setUpWorld(api);
    const config = api.http.app.get<LedgerConfig>(LEDGER_CONFIG);
    const key = resolveJwtKey(config.jwt.key);
    if (key.algorithm !== 'HS256') throw new Error('R5 expects the embedded default (HS256)');
    secret = key.secret;
    routes = await servedRoutes();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  /** Every GET and POST of the OpenAPI document, on the world's resources where the matrix has one. */
  async function servedRoutes(): Promise<Route[]> {
    const docs = await api.get('/docs-json', { token: null });
    expect(docs.status).toBe(200);
    const normal = (template: string) => template.replace(/\{[^}]+\}/g, '{}');
    const served: Route[] = [];
    for (const [template, operations] of Object.entries(docs.body.paths as Record<string, Record<string, Json>>)) {
      for (const method of ['get', 'post'] as const) {
        const operation = operations[method] as { parameters?: { in: string; name: string }[] } | undefined;
        if (!operation || template.startsWith('/test/')) continue;
        const known: Endpoint | undefined = ENDPOINTS.find(
          (endpoint) => endpoint.method === method.toUpperCase() && normal(endpoint.template) === normal(template),
        );
        const call = known?.calls.find((candidate) => candidate.variant === 'own') ?? known?.calls[0];
        served.push({
          method: method.toUpperCase() as 'GET' | 'POST',
          template,
          path: call ? resolveIds(call.path) : template.replace(/\{[^}]+\}/g, 'fuzz-id'),
          roles: known && known.roles !== 'public' ? known.roles : ROLES,
          body: call?.body ? resolveIds(call.body) : undefined,
          queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    }
    return served;
  }

  /** Sends, then checks what every answer must satisfy; returns the answer. */
  async function sendAndCheck(
    route: Route,
    request: { path?: string; token: string | null; body?: Json; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Answer> {
    await api.settle();
    const before = await api.eventCount();
    const path = request.path ?? route.path;
    const options = { token: request.token, body: request.body, rawBody: request.rawBody, headers: request.headers };
    const answer = await callRaw(route.method, path, options);
    await api.settle();
    const what = `${route.method} ${path}`;
    expect({ what, status: answer.status < 500 ? 'below 500' : answer.status, body: bodyIf500(answer) }).toEqual({
      what,
      status: 'below 500',
      body: undefined,
    });
    if (answer.status >= 400)
      expect({ what, appended: (await api.eventCount()) - before }).toEqual({ what, appended: 0 });
    return answer;
  }

  const bodyIf500 = (answer: { status: number; body: Json }) => (answer.status >= 500 ? answer.body : undefined);

  /** Like api.post/get, but tolerant of a body that is not JSON (a refused Content-Type, say). */
  async function callRaw(
    method: string,
    path: string,
    options: { token: string | null; body?: Json; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.authorization ??= `Bearer ${options.token}`;
    const body = options.body === undefined ? options.rawBody : JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${api.http.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: Json = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: response.status, headers: response.headers, etag: response.headers.get('etag'), body: parsed };
  }

  const tokenFor = (role: TokenRole) => api.token(role, { sub: `r5-${role}`, bankId: 'bank-1', enterpriseId: 'ent-1' });

  async function stillAnswers(): Promise<void> {
    const health = await fetch(`${api.http.baseUrl}/health`);
    expect(health.status).toBeLessThan(500);
  }

  it('serves POST and GET routes to fuzz (from /docs-json), each POST with a known valid body', () => {
    const posts = routes.filter((route) => route.method === 'POST');
    expect(posts.length).toBeGreaterThan(20);
    // A POST the matrix does not know yet is still fuzzed (with generated bodies only).
    expect(routes.filter((route) => route.method === 'GET').length).toBeGreaterThan(10);
  });

  it('answers every generated POST body below 500, and a refused one appends nothing', async () => {
    const posts = routes.filter((route) => route.method === 'POST');
    const bodyFor = (route: Route) => {
      const base = route.body ?? {};
      const fields = Object.keys(base);
      const replaced = fields.length
        ? fc.tuple(fc.constantFrom(...fields), nasty).map(([field, value]) => ({ ...base, [field]: value }))
        : fc.constant(base);
      const dropped = fields.length
        ? fc
            .constantFrom(...fields)
            .map((field) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== field)))
        : fc.constant(base);
      return fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((body) => ({ body })),
        replaced.map((body) => ({ body })),
        dropped.map((body) => ({ body })),
        fc
          .tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'bankId', 'actor', 'loanId'), nasty)
          .map(([field, value]) => ({
            rawBody: `${JSON.stringify(base).slice(0, -1)}${fields.length ? ',' : ''}"${field}":${JSON.stringify(value ?? null)}}`,
          })),
        fc
          .constantFrom('{', 'null', '[]', '"text"', '', '{"a":}', '\u0000', '{"amount":1e999}')
          .map((rawBody) => ({ rawBody })),
      );
    };
    const scenario = fc
      .record({ route: fc.constantFrom(...posts), role: fc.nat() })
      .chain(({ route, role }) =>
        bodyFor(route).map((input) => ({ route, role: route.roles[role % route.roles.length], input })),
      );

    await fc.assert(
      fc.asyncProperty(scenario, async ({ route, role, input }) => {
        await sendAndCheck(route, { token: tokenFor(role), ...input });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stillAnswers();
  }, 300_000);

  it('answers malformed, expired, wrongly signed and unsigned tokens 401, and appends nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { role: 'admin', sub: 'r5-mallory', bankId: 'bank-1' };
    const unsigned = (header: object) =>
      `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const bad: Record<string, string> = {
      'no scheme': tokenFor('admin'),
      'basic scheme': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'bearer alone': 'Bearer',
      'bearer garbage': 'Bearer not.a.token',
      expired: `Bearer ${jwt.sign({ ...claims, exp: now - 60 }, secret, { algorithm: 'HS256' })}`,
      'not yet valid': `Bearer ${jwt.sign({ ...claims, nbf: now + 3600 }, secret, { algorithm: 'HS256' })}`,
      'wrong algorithm (HS512)': `Bearer ${jwt.sign(claims, secret, { algorithm: 'HS512' })}`,
      'wrong secret': `Bearer ${jwt.sign(claims, 'another-secret-of-at-least-32-chars!!', { algorithm: 'HS256' })}`,
      'alg none': `Bearer ${unsigned({ alg: 'none', typ: 'JWT' })}`,
      'alg None': `Bearer ${unsigned({ alg: 'None', typ: 'JWT' })}`,
      'unknown role': `Bearer ${jwt.sign({ ...claims, role: 'root' }, secret, { algorithm: 'HS256' })}`,
      'bank without bankId': `Bearer ${jwt.sign({ role: 'bank', sub: 'x' }, secret, { algorithm: 'HS256' })}`,
      oversize: `Bearer ${'a'.repeat(20_000)}`,
    };
    const protectedRoutes = routes.filter((route) => !/^\/(health|metrics|docs)/.test(route.template));
    const scenario = fc.record({
      route: fc.constantFrom(...protectedRoutes),
      token: fc.constantFrom(...Object.keys(bad)),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ route, token }) => {
        const answer = await sendAndCheck(route, {
          token: null,
          body: route.method === 'POST' ? (route.body ?? {}) : undefined,
          headers: { authorization: bad[token] },
        });
        expect({ token, route: route.template, status: answer.status }).toEqual({
          token,
          route: route.template,
          status: token === 'oversize' ? expect.any(Number) : 401,
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stillAnswers();
  }, 300_000);

  it('answers odd Idempotency-Key, If-Match and Content-Type headers below 500, and a refusal appends nothing', async () => {
    const posts = routes.filter((route) => route.method === 'POST' && route.body !== undefined);
    const header = fc.oneof(
      fc
        .oneof(
          fc.constant('k'.repeat(201)),
          fc.constant('k'.repeat(10_000)),
          fc.constantFrom('with space', 'tab\there', 'quote"d', 'é-latin1', ''),
          fc.string({ maxLength: 30 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
        )
        .map((value) => ({ name: 'idempotency-key', value })),
      fc
        .oneof(
          fc.constantFrom('abc', '"-1"', '"1.5"', 'W/"1"', '*', '""', '"99999999999999999999"', '"1", "2"', '1'),
          fc.string({ maxLength: 20 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
        )
        .map((value) => ({ name: 'if-match', value })),
      fc
        .constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'garbage',
        )
        .map((value) => ({ name: 'content-type', value })),
    );
    const scenario = fc.record({ route: fc.constantFrom(...posts), role: fc.nat(), header });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ route, role, header: { name, value } }) => {
        const answer = await sendAndCheck(route, {
          token: tokenFor(route.roles[role % route.roles.length]),
          body: route.body,
          headers: { [name]: value },
        });
        // HTTP trims a header value's outer blanks: the key the server sees is the trimmed one.
        if (name === 'idempotency-key' && !/^[\x21-\x7e]{1,200}$/.test(value.trim())) {
          expect({ key: value, status: answer.status }).toEqual({ key: value, status: 400 });
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stillAnswers();
  }, 300_000);

  it('answers generated query parameters on every GET below 500', async () => {
    const gets = routes.filter((route) => route.method === 'GET' && !['/docs-json'].includes(route.template));
    const value = fc.oneof(
      fc.constantFrom(...NASTY.filter((text) => !text.includes('\u0000') && !text.includes('\ud800'))),
      fc.string({ maxLength: 20 }),
      fc.integer().map(String),
      // minPosition only as garbage: a real position beyond the head waits LEDGER_READ_WAIT_MS by design.
    );
    const scenario = fc.record({
      route: fc.constantFrom(...gets),
      role: fc.nat(),
      query: fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom('after', 'limit', 'asOf', 'extra', 'status[]'), fc.string({ maxLength: 8 })),
          value,
        ),
        { maxLength: 4 },
      ),
      garbagePosition: fc.option(fc.constantFrom('abc', '-1', '1.5', '', '0x10', '1e3')),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ route, role, query, garbagePosition }) => {
        const named = route.queryNames.filter((name) => name !== 'minPosition');
        const pairs = query.map(([name, text], index): [string, string] => [
          named.length && index % 2 === 0 ? named[index % named.length] : name,
          text,
        ]);
        if (garbagePosition !== null) pairs.push(['minPosition', garbagePosition]);
        const search = new URLSearchParams(pairs);
        await sendAndCheck(route, {
          path: `${route.path}?${search}`,
          token: tokenFor(route.roles[role % route.roles.length]),
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stillAnswers();
  }, 300_000);

  it('refuses a body above the limit with 413, and appends nothing', async () => {
    const post = routes.find((route) => route.template === '/v1/banks')!;
    const huge = { ...post.body, name: 'x'.repeat(BODY_LIMIT_BYTES + 10) };
    const answer = await sendAndCheck(post, { token: tokenFor('admin'), body: huge });
    expect({ status: answer.status, code: (answer.body as { error?: { code?: string } })?.error?.code }).toEqual({
      status: 413,
      code: 'REQUEST.TOO_LARGE',
    });
    const deep = await sendAndCheck(post, {
      token: tokenFor('admin'),
      rawBody: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });
    expect([400, 413]).toContain(deep.status);
    await stillAnswers();
  }, 60_000);
});
