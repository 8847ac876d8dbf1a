import { startApiTestApp, type ApiTestApp } from './support/api-test-app';
import { COMMAND_ROUTES } from './support/command-routes';

/**
 * The example body each command route documents passes its own validation: a newcomer who copies
 * it from /docs gets an answer from the domain (404, 409...), never REQUEST.INVALID.
 */
describe('the OpenAPI examples of the command routes', () => {
  let api: ApiTestApp;
  let examples: [string, unknown][];

  beforeAll(async () => {
    api = await startApiTestApp();
    const docs = await api.get('/docs-json', { token: null });
    examples = Object.entries(docs.body.paths as Record<string, { post?: any }>) // eslint-disable-line @typescript-eslint/no-explicit-any
      .filter(([path, operations]) => operations.post && path.startsWith('/v1/') && !path.startsWith('/v1/audit/'))
      .map(([path, operations]) => [
        path,
        operations.post.requestBody?.content?.['application/json']?.examples?.example?.value,
      ]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('documents an example for every command route, and each passes validation', async () => {
    expect(examples).toHaveLength(COMMAND_ROUTES.length);
    for (const [template, example] of examples) {
      expect({ template, hasExample: example !== undefined }).toEqual({ template, hasExample: true });
      const path = template.replace(/\{[^}]+\}/g, 'example-id');
      const route = COMMAND_ROUTES.find(
        (candidate) => candidate.path.replace(/[^/]+-x(?=\/|$)/g, 'example-id') === path,
      );
      expect({ template, tested: route !== undefined }).toEqual({ template, tested: true });
      const role = route!.roles[0];
      const answer = await api.post(path, { token: api.token(role, { bankId: 'example-bank' }), body: example });
      const outcome = { template, status: answer.status, code: answer.body?.error?.code };
      expect(outcome).not.toEqual(expect.objectContaining({ code: 'REQUEST.INVALID' }));
      expect([401, 403]).not.toContain(answer.status);
    }
  });
});
