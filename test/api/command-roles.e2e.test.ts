import { startApiTestApp, type ApiTestApp } from './support/api-test-app';
import { COMMAND_ROUTES, ROLES } from './support/command-routes';

/**
 * Who may call each POST: without a token 401, with a role the contract does not list 403, and
 * either way nothing appended. (What the allowed role may do to whose resource is the domain's
 * check, exercised by the lifecycle test.)
 */
describe('roles of every command route over HTTP', () => {
  let api: ApiTestApp;
  let eventsBefore: number;

  beforeAll(async () => {
    api = await startApiTestApp();
    eventsBefore = await api.eventCount();
  });

  afterAll(async () => {
    await api?.close();
  });

  const refusals = COMMAND_ROUTES.flatMap((route) => [
    [route.path, 'no token', null, 401] as const,
    ...ROLES.filter((role) => !route.roles.includes(role)).map((role) => [route.path, role, role, 403] as const),
  ]);

  it.each(refusals)('POST %s as %s is %d', async (path, _who, role, status) => {
    const token = role === null ? null : api.token(role, { bankId: 'bank-x', enterpriseId: 'ent-x' });
    const route = COMMAND_ROUTES.find((candidate) => candidate.path === path)!;
    const answer = await api.post(path, { token, body: route.body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN');
  });

  it('covers every POST route the application serves (from its OpenAPI document)', async () => {
    const docs = await api.get('/docs-json', { token: null });
    expect(docs.status).toBe(200);
    const template = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
    const served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path, operations]) => 'post' in operations && path.startsWith('/v1/') && !path.startsWith('/v1/audit/'))
      .map(([path]) => template(path))
      .sort();
    const tested = COMMAND_ROUTES.map((route) =>
      template(route.path.replace(/\/(ent-x|patent-x|loan-x|fund-x|bank-x)(?=\/)/g, '/{}')),
    ).sort();
    expect(served).toEqual(tested);
  });

  it('appended no event', async () => {
    expect(await api.eventCount()).toBe(eventsBefore);
  });
});
