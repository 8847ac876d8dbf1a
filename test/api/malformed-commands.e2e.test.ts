import { startApiTestApp, type ApiTestApp } from './support/api-test-app';
import { COMMAND_ROUTES, type CommandRoute } from './support/command-routes';

/**
 * Every POST of the contract refuses a malformed body with 400 REQUEST.INVALID naming the field,
 * before anything reaches the domain: the store holds exactly as many events afterwards.
 */
interface Malformed {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly fields: readonly string[];
}

/** A value of another JSON type than the valid one. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'not-a-list';
  return 7;
}

function malformedBodies(route: CommandRoute): Malformed[] {
  const cases: Malformed[] = [{ name: 'an unknown field', body: { ...route.body, surprise: 1 }, fields: ['surprise'] }];
  for (const [field, value] of Object.entries(route.body)) {
    if (!route.optional?.includes(field)) {
      const { [field]: _missing, ...rest } = route.body;
      cases.push({ name: `${field} missing`, body: rest, fields: [field] });
    }
    cases.push({
      name: `${field} of the wrong type`,
      body: { ...route.body, [field]: wrongType(value) },
      fields: [field],
    });
  }
  for (const field of route.money ?? []) {
    cases.push(
      { name: `${field} negative`, body: { ...route.body, [field]: '-100.00' }, fields: [field] },
      { name: `${field} with three places`, body: { ...route.body, [field]: '100.005' }, fields: [field] },
      { name: `${field} as a JSON number`, body: { ...route.body, [field]: 100.5 }, fields: [field] },
      { name: `${field} with a thousands separator`, body: { ...route.body, [field]: '1,000.00' }, fields: [field] },
    );
  }
  for (const extra of route.cases ?? []) cases.push({ ...extra, body: { ...route.body, ...extra.body } });
  return cases;
}

describe('malformed command bodies over HTTP', () => {
  let api: ApiTestApp;
  let eventsBefore: number;

  beforeAll(async () => {
    api = await startApiTestApp();
    // Something in the store, so "no event appended" is not trivially zero.
    const created = await api.post('/v1/banks', {
      token: api.token('admin'),
      body: { bankId: 'bank-seed', name: 'Seed Bank', creditCode: '91440300708461136T' },
    });
    expect(created.status).toBe(201);
    eventsBefore = await api.eventCount();
  });

  afterAll(async () => {
    await api?.close();
  });

  describe.each(COMMAND_ROUTES.map((route) => [route.path, route] as const))('POST %s', (_path, route) => {
    const token = () => api.token(route.roles[0], { bankId: 'bank-x' });

    it.each(malformedBodies(route).map((malformed) => [malformed.name, malformed] as const))(
      'refuses %s with 400 naming the field',
      async (_name, malformed) => {
        const answer = await api.post(route.path, { token: token(), body: malformed.body });
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('REQUEST.INVALID');
        const named = (answer.body.error.details.fields as { field: string }[]).map((problem) => problem.field);
        expect(named).toEqual(expect.arrayContaining([...malformed.fields]));
        expect(answer.headers.get('etag')).toBeNull();
      },
    );

    it('refuses a body that is not a JSON object, and broken JSON', async () => {
      const list = await api.post(route.path, { token: token(), body: [route.body] });
      expect(list.status).toBe(400);
      const broken = await api.post(route.path, { token: token(), rawBody: '{"valueDate": ' });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('REQUEST.MALFORMED_JSON');
    });
  });

  it.each([
    ['/v1/enterprises/bad%20id/certifications', 'admin'],
    ['/v1/ip-assets/%C3%A9/valuations', 'admin'],
    ['/v1/loans/bad.id/repayments', 'bank'],
    ['/v1/funds/x%2Fy/contributions', 'fund-manager'],
    ['/v1/funds/fund-x/banks/bad%20bank/suspension', 'fund-manager'],
    ['/v1/claims/bad%20id/payouts', 'fund-manager'],
  ] as const)('refuses the malformed path id of %s with 400', async (path, role) => {
    const answer = await api.post(path, { token: api.token(role, { bankId: 'bank-x' }), body: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('REQUEST.INVALID');
  });

  it('appended no event for any of them', async () => {
    expect(await api.eventCount()).toBe(eventsBefore);
  });
});
