import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jwt from 'jsonwebtoken';
import { startLedger } from '../support/ledger-process';
import { startHttpTestApp, type HttpTestApp } from './support/http-test-app';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Synthetic (the domain's specs use it too), with valid check characters. */
const VALID_CREDIT_CODE = '91350100MA2Y0001X9';
const VALID_PATENT = 'ZL200310102344.5';

describe('the HTTP layer, over real HTTP on the embedded default', () => {
  let dataDir: string;
  let ledger: HttpTestApp;
  let bank: string;

  async function call(
    method: string,
    urlPath: string,
    options: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? bank : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${ledger.baseUrl}${urlPath}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  }

  const openCounter = (counterId: string, extra: Record<string, unknown> = {}) => ({
    counterId,
    amount: '1250000.00',
    openedOn: '2025-03-01',
    ...extra,
  });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-e2e-'));
    ledger = await startHttpTestApp(dataDir);
    bank = ledger.token({ role: 'bank', bankId: 'B1' });
  });

  afterAll(async () => {
    await ledger?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function expectErrorBody(answer: Answer, status: number, code: string): void {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      error: {
        status,
        code,
        message: expect.any(String),
        details: expect.any(Object),
        correlationId: answer.headers.get('x-correlation-id'),
      },
    });
  }

  describe('authentication', () => {
    it('refuses a request without a token: 401', async () => {
      const answer = await call('GET', '/test/counters/c1', { token: null });
      expectErrorBody(answer, 401, 'AUTH.UNAUTHENTICATED');
      expect(answer.body.error.message).toMatch(/bearer token/);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    });

    it.each<[string, () => string]>([
      ['a malformed token', () => 'not-a-jwt'],
      [
        'a token signed with another secret',
        () => jwt.sign({ role: 'bank', bankId: 'B1' }, 'x'.repeat(40), { subject: 'eve', expiresIn: '1h' }),
      ],
      ['an expired token', () => ledger.token({ role: 'bank', bankId: 'B1', expiresIn: -60 })],
      [
        'an unsigned (alg none) token',
        () => unsignedToken({ sub: 'eve', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 }),
      ],
      ['a bank token without bankId', () => ledger.token({ role: 'bank' })],
      ['a token claiming the system role', () => ledger.token({ role: 'system' as never })],
    ])('refuses %s: 401', async (_, token) => {
      const answer = await call('GET', '/test/counters/c1', { token: token() });
      expectErrorBody(answer, 401, 'AUTH.UNAUTHENTICATED');
    });

    it('says why an expired token is refused and why a bank token is incomplete', async () => {
      const expired = await call('GET', '/test/counters/c1', {
        token: ledger.token({ role: 'bank', bankId: 'B1', expiresIn: -60 }),
      });
      expect(expired.body.error.message).toMatch(/expired/);
      const noBank = await call('GET', '/test/counters/c1', { token: ledger.token({ role: 'bank' }) });
      expect(noBank.body.error.message).toMatch(/bankId/);
    });

    it('refuses a role the route does not name: 403', async () => {
      const answer = await call('POST', '/test/counters', {
        token: ledger.token({ role: 'auditor' }),
        body: openCounter('auditor-try'),
      });
      expectErrorBody(answer, 403, 'AUTH.FORBIDDEN');
      expect(answer.body.error.details).toEqual({ role: 'auditor', allowedRoles: ['bank'] });
      expect(await ledger.events()).not.toContainEqual(
        expect.objectContaining({ streamId: 'test_counter-auditor-try' }),
      );
    });

    it('lets a method-level @Roles widen the class-level one', async () => {
      await call('POST', '/test/counters', { body: openCounter('audited') });
      const answer = await call('GET', '/test/counters/audited', {
        token: ledger.token({ role: 'auditor', sub: 'ada' }),
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: 'audited', status: 'open', readBy: 'ada' });
    });

    it('answers /health without a token', async () => {
      expect((await call('GET', '/health', { token: null })).status).toBe(200);
    });
  });

  describe('validation and malformed requests', () => {
    it('lists every invalid field and why: 400, and appends nothing', async () => {
      const before = (await ledger.events()).length;
      const answer = await call('POST', '/test/counters', {
        body: {
          counterId: '-bad id',
          amount: '12.345',
          openedOn: '2025-02-29',
          creditCode: '91350100MA2Y0001X8',
          patentNumber: '200310102344.4',
        },
      });
      expectErrorBody(answer, 400, 'REQUEST.INVALID');
      const fields = answer.body.error.details.fields as { field: string; problems: string[] }[];
      expect(fields.map((f) => f.field).sort()).toEqual([
        'amount',
        'counterId',
        'creditCode',
        'openedOn',
        'patentNumber',
      ]);
      const problemsOf = (field: string) => fields.find((f) => f.field === field)!.problems.join(' ');
      expect(problemsOf('amount')).toMatch(/at most two decimal places/);
      expect(problemsOf('openedOn')).toMatch(/not a real calendar date/);
      expect(problemsOf('creditCode')).toMatch(/wrong check character/);
      expect(problemsOf('patentNumber')).toMatch(/wrong check character: expected 5 got 4/);
      expect(problemsOf('counterId')).toMatch(/letters, digits/);
      expect((await ledger.events()).length).toBe(before);
    });

    it('names missing fields, refuses numbers for amounts and zero where a positive amount is needed', async () => {
      const missing = await call('POST', '/test/counters', { body: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'amount',
        'counterId',
        'openedOn',
      ]);
      const number = await call('POST', '/test/counters', { body: openCounter('n1', { amount: 100 }) });
      expect(number.body.error.details.fields).toEqual([
        { field: 'amount', problems: [expect.stringMatching(/decimal string/)] },
      ]);
      const zero = await call('POST', '/test/counters', { body: openCounter('n1', { amount: '0.00' }) });
      expect(zero.body.error.details.fields).toEqual([
        { field: 'amount', problems: [expect.stringMatching(/more than zero/)] },
      ]);
    });

    it('refuses an unknown field: 400', async () => {
      const answer = await call('POST', '/test/counters', { body: openCounter('u1', { admin: true }) });
      expectErrorBody(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.error.details.fields).toEqual([
        { field: 'admin', problems: ['property admin should not exist'] },
      ]);
    });

    it('refuses malformed JSON and a body that is not an object: 400', async () => {
      expectErrorBody(
        await call('POST', '/test/counters', { rawBody: '{"counterId": ' }),
        400,
        'REQUEST.MALFORMED_JSON',
      );
      const array = await call('POST', '/test/counters', { body: [openCounter('a1')] });
      expectErrorBody(array, 400, 'REQUEST.INVALID');
      expect(array.body.error.details.fields).toEqual([{ field: '(body)', problems: ['must be a JSON object'] }]);
    });

    it('refuses a body that is not JSON: 415', async () => {
      const answer = await call('POST', '/test/counters', {
        rawBody: 'counterId=c1',
        headers: { 'content-type': 'text/csv' },
      });
      expectErrorBody(answer, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('refuses a malformed id in the path: 400 naming it', async () => {
      const answer = await call('POST', '/test/counters/bad%20id/increments', { body: { amount: '1.00' } });
      expectErrorBody(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.error.details.fields).toEqual([{ field: 'id', problems: [expect.stringMatching(/letters/)] }]);
    });

    it('refuses a body over the limit: 413', async () => {
      const answer = await call('POST', '/test/counters', {
        body: openCounter('big', { note: 'x'.repeat(1_200_000) }),
      });
      expectErrorBody(answer, 413, 'REQUEST.TOO_LARGE');
    });

    it('answers an unknown route with 404 in the same shape', async () => {
      expectErrorBody(await call('GET', '/v1/nowhere'), 404, 'NOT_FOUND');
      expectErrorBody(await call('GET', '/v1/nowhere', { token: null }), 404, 'NOT_FOUND');
    });
  });

  describe('commands: status, ETag, domain refusals and If-Match', () => {
    it('answers a creation with 201, ETag and { id, revision, position }', async () => {
      const answer = await call('POST', '/test/counters', {
        body: openCounter('c-create', { creditCode: VALID_CREDIT_CODE, patentNumber: VALID_PATENT }),
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toBe('"0"');
      expect(answer.body).toEqual({ id: 'c-create', revision: 0, position: expect.stringMatching(/^\d+$/) });
    });

    it('answers a domain refusal with 409 and its stable code', async () => {
      await call('POST', '/test/counters', { body: openCounter('c-twice') });
      const answer = await call('POST', '/test/counters', { body: openCounter('c-twice') });
      expectErrorBody(answer, 409, 'COUNTER.ALREADY_OPEN');
      expect(answer.body.error.details).toEqual({ counterId: 'c-twice' });
      expect(answer.body.error.message).toBe('Counter c-twice is already open');
    });

    it('maps a not-found domain error to 404', async () => {
      expectErrorBody(await call('GET', '/test/counters/never-opened'), 404, 'COUNTER.NOT_FOUND');
    });

    it('makes a command conditional with If-Match: 200 with the new ETag when fresh, 412 when stale', async () => {
      const opened = await call('POST', '/test/counters', { body: openCounter('c-match') });
      const etag = opened.headers.get('etag')!;
      const read = await call('GET', '/test/counters/c-match');
      expect(read.headers.get('etag')).toBe(etag);

      const fresh = await call('POST', '/test/counters/c-match/increments', {
        body: { amount: '1.00' },
        headers: { 'if-match': etag },
      });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe('"1"');
      expect(fresh.body).toMatchObject({ id: 'c-match', revision: 1 });

      const stale = await call('POST', '/test/counters/c-match/increments', {
        body: { amount: '1.00' },
        headers: { 'if-match': etag },
      });
      expectErrorBody(stale, 412, 'CONCURRENCY.STALE_REVISION');
      expect(stale.body.error.details).toEqual({ expectedRevision: 0, currentRevision: 1 });
    });

    it('refuses a malformed If-Match: 400', async () => {
      for (const ifMatch of ['3', 'W/"3"', '*', '"1", "2"', '"-1"']) {
        const answer = await call('POST', '/test/counters/c-create/increments', {
          body: { amount: '1.00' },
          headers: { 'if-match': ifMatch },
        });
        expectErrorBody(answer, 400, 'REQUEST.INVALID');
        expect(answer.body.error.details.fields[0].field).toBe('If-Match');
      }
    });

    it('answers a server fault with a generic 500 that leaks nothing', async () => {
      const answer = await call('POST', '/test/counters/c-create/faults', { body: {} });
      expectErrorBody(answer, 500, 'INTERNAL.ERROR');
      expect(JSON.stringify(answer.body)).not.toMatch(/disk on fire/);
    });
  });

  describe('correlation id', () => {
    it("echoes the caller's sane X-Correlation-Id on success and in error bodies", async () => {
      const ok = await call('GET', '/health', { token: null, headers: { 'x-correlation-id': 'req-42.a:b' } });
      expect(ok.headers.get('x-correlation-id')).toBe('req-42.a:b');
      const error = await call('GET', '/test/counters/c1', { token: null, headers: { 'x-correlation-id': 'req-43' } });
      expect(error.headers.get('x-correlation-id')).toBe('req-43');
      expect(error.body.error.correlationId).toBe('req-43');
    });

    it('replaces an unsafe one with a fresh id', async () => {
      const answer = await call('GET', '/v1/nowhere', { headers: { 'x-correlation-id': 'a b<script>' } });
      const id = answer.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.error.correlationId).toBe(id);
    });
  });

  describe('Idempotency-Key', () => {
    const withKey = (key: string) => ({ 'idempotency-key': key });
    const eventsOf = async (counterId: string) =>
      (await ledger.events()).filter((event) => event.streamId === `test_counter-${counterId}`).length;

    it('replays the first answer for the same key and body, without a new event', async () => {
      const first = await call('POST', '/test/counters', { body: openCounter('i-seq'), headers: withKey('k-seq') });
      const again = await call('POST', '/test/counters', { body: openCounter('i-seq'), headers: withKey('k-seq') });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await eventsOf('i-seq')).toBe(1);
    });

    it('treats the same body with keys in another order as the same request', async () => {
      await call('POST', '/test/counters', { body: openCounter('i-order'), headers: withKey('k-order') });
      const reordered = { openedOn: '2025-03-01', amount: '1250000.00', counterId: 'i-order' };
      const again = await call('POST', '/test/counters', { body: reordered, headers: withKey('k-order') });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('refuses the same key with a different body: 422', async () => {
      await call('POST', '/test/counters', { body: openCounter('i-diff'), headers: withKey('k-diff') });
      const other = await call('POST', '/test/counters', {
        body: openCounter('i-diff', { amount: '1.00' }),
        headers: withKey('k-diff'),
      });
      expectErrorBody(other, 422, 'IDEMPOTENCY.KEY_REUSED');
      const otherPath = await call('POST', '/test/counters/i-diff/increments', {
        body: { amount: '1.00' },
        headers: withKey('k-diff'),
      });
      expect(otherPath.status).toBe(422);
      expect(await eventsOf('i-diff')).toBe(1);
    });

    it('keeps keys per caller: another person may use the same key', async () => {
      await call('POST', '/test/counters', { body: openCounter('i-carol'), headers: withKey('k-shared') });
      const carol = ledger.token({ role: 'bank', bankId: 'B1', sub: 'carol' });
      const answer = await call('POST', '/test/counters', {
        token: carol,
        body: openCounter('i-carol'),
        headers: withKey('k-shared'),
      });
      expect(answer.headers.get('idempotent-replayed')).toBeNull();
      expectErrorBody(answer, 409, 'COUNTER.ALREADY_OPEN');
    });

    it('replays a refusal the handler gave (4xx) as it was', async () => {
      await call('POST', '/test/counters', { body: openCounter('i-refused') });
      const first = await call('POST', '/test/counters', {
        body: openCounter('i-refused'),
        headers: withKey('k-refused'),
      });
      const again = await call('POST', '/test/counters', {
        body: openCounter('i-refused'),
        headers: withKey('k-refused'),
      });
      expectErrorBody(first, 409, 'COUNTER.ALREADY_OPEN');
      expect(again.status).toBe(409);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('does not keep an answer for a request refused before its handler ran (validation), nor a 5xx', async () => {
      const invalid = await call('POST', '/test/counters', {
        body: openCounter('i-fix', { amount: 'x' }),
        headers: withKey('k-fix'),
      });
      expect(invalid.status).toBe(400);
      const fixed = await call('POST', '/test/counters', { body: openCounter('i-fix'), headers: withKey('k-fix') });
      expect(fixed.status).toBe(201);

      const fault = await call('POST', '/test/counters/i-fix/faults', { body: {}, headers: withKey('k-fault') });
      expect(fault.status).toBe(500);
      const retry = await call('POST', '/test/counters/i-fix/faults', { body: {}, headers: withKey('k-fault') });
      expect(retry.status).toBe(500);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
    });

    it('does not keep a lost race (409 CONCURRENCY.CONFLICT): the retry runs again', async () => {
      const first = await call('POST', '/test/counters/i-race/races', { body: {}, headers: withKey('k-race') });
      expectErrorBody(first, 409, 'CONCURRENCY.CONFLICT');
      const retry = await call('POST', '/test/counters/i-race/races', { body: {}, headers: withKey('k-race') });
      expect(retry.status).toBe(409);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
    });

    it('refuses a malformed key: 400', async () => {
      const answer = await call('POST', '/test/counters', {
        body: openCounter('i-badkey'),
        headers: withKey('x'.repeat(201)),
      });
      expectErrorBody(answer, 400, 'REQUEST.INVALID');
      expect(answer.body.error.details.fields[0].field).toBe('Idempotency-Key');
    });

    it('lets ten concurrent requests with one key have one effect, all with the same answer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          call('POST', '/test/counters', { body: openCounter('i-par', { delayMs: 100 }), headers: withKey('k-par') }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
      expect(await eventsOf('i-par')).toBe(1);
    });
  });
});

describe('Idempotency-Key across processes and time', () => {
  let dataDir: string;
  let ledger: HttpTestApp | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-e2e-'));
  });

  afterEach(async () => {
    await ledger?.close();
    ledger = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(app: HttpTestApp, token: string, key: string, body: unknown) {
    const response = await fetch(`${app.baseUrl}/test/counters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  it('replays after a restart on the same data dir, and the token still works', async () => {
    ledger = await startHttpTestApp(dataDir);
    const token = ledger.token({ role: 'bank', bankId: 'B1' });
    const body = { counterId: 'r1', amount: '10.00', openedOn: '2025-03-01' };
    const first = await post(ledger, token, 'k-restart', body);
    expect(first.status).toBe(201);
    await ledger.close();

    ledger = await startHttpTestApp(dataDir);
    const again = await post(ledger, token, 'k-restart', body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await ledger.events()).filter((e) => e.streamId === 'test_counter-r1')).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY.IN_PROGRESS when the first request outlasts the wait, then replays it', async () => {
    ledger = await startHttpTestApp(dataDir, { idempotency: { waitMs: 150 } });
    const token = ledger.token({ role: 'bank', bankId: 'B1' });
    const body = { counterId: 'slow', amount: '10.00', openedOn: '2025-03-01', delayMs: 1000 };
    const first = post(ledger, token, 'k-slow', body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await post(ledger, token, 'k-slow', body);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'IDEMPOTENCY.IN_PROGRESS' } });
    expect((await first).status).toBe(201);
    const third = await post(ledger, token, 'k-slow', body);
    expect(third.status).toBe(201);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('OpenAPI', () => {
  let dataDir: string;
  let ledger: HttpTestApp;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-e2e-'));
    ledger = await startHttpTestApp(dataDir);
  });

  afterAll(async () => {
    await ledger.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the document at /docs-json without a token, with bearer auth declared', async () => {
    const response = await fetch(`${ledger.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/test/counters']));
  });

  it('documents a command with its headers, its answer, its errors and an example; a public route needs no token', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const document = (await (await fetch(`${ledger.baseUrl}/docs-json`)).json()) as any;
    const open = document.paths['/test/counters'].post;
    expect(open.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['header:Idempotency-Key', 'header:If-Match']),
    );
    expect(open.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CommandResponseSchema',
    });
    expect(open.responses['201'].headers.ETag).toBeDefined();
    for (const status of ['400', '401', '403', '404', '409', '412', '422']) {
      expect(open.responses[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ErrorBodySchema',
      });
    }
    expect(open.requestBody.content['application/json'].examples.example.value).toMatchObject({ counterId: 'c1' });
    expect(document.paths['/test/counters/{id}/increments'].post.responses['200']).toBeDefined();
    expect(document.paths['/health'].get.security).toEqual([{}]);
  });

  it('serves the UI at /docs without a token', async () => {
    const response = await fetch(`${ledger.baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/swagger/i);
  });
});

describe('the built ledger process', () => {
  it('serves /docs and /docs-json without a token, and prints how to mint one', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-e2e-'));
    const ledger = await startLedger({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      expect((await fetch(`${ledger.baseUrl}/docs-json`)).status).toBe(200);
      const ui = await fetch(`${ledger.baseUrl}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toMatch(/swagger/i);
      expect(ledger.output()).toContain('npm run token -- --role admin --sub you');
      // The CLI signs with the secret the server created in the same data dir.
      const cli = path.resolve(__dirname, '../../apps/ledger-api/dist/cli/mint-token.js');
      const token = execFileSync(process.execPath, [cli, '--role', 'bank', '--bank-id', 'B1', '--sub', 'alice'], {
        env: { ...process.env, LEDGER_DATA_DIR: dataDir },
      })
        .toString()
        .trim();
      const secret = fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim();
      expect(jwt.verify(token, secret, { algorithms: ['HS256'] })).toMatchObject({
        sub: 'alice',
        role: 'bank',
        bankId: 'B1',
      });
    } finally {
      await ledger.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A JWT with `alg: none` and no signature, as an attacker would send it. */
function unsignedToken(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}
