import type { TokenRole } from '../../apps/ledger-api/src/http';
import { startApiTestApp, type ApiTestApp } from '../api/support/api-test-app';
import { ROLES } from '../api/support/command-routes';

/** Every GET of the contract (DESIGN.md 4) and the roles that may call it. */
const READ_ROUTES: readonly { readonly path: string; readonly roles: readonly TokenRole[] }[] = [
  { path: '/v1/ip-assets', roles: ['admin', 'bank', 'auditor'] },
  { path: '/v1/ip-assets/patent-x', roles: ['admin', 'bank', 'auditor'] },
  { path: '/v1/loans', roles: ['bank', 'enterprise', 'fund-manager', 'auditor'] },
  { path: '/v1/loans/loan-x', roles: ['bank', 'enterprise', 'fund-manager', 'auditor'] },
  { path: '/v1/claims', roles: ['bank', 'fund-manager', 'auditor'] },
  { path: '/v1/claims/claim-x', roles: ['bank', 'fund-manager', 'auditor'] },
  { path: '/v1/banks/bank-x/portfolio', roles: ['bank', 'fund-manager', 'auditor'] },
  { path: '/v1/enterprises/ent-x/dashboard', roles: ['enterprise', 'admin'] },
  { path: '/v1/funds/fund-x/dashboard', roles: ['fund-manager', 'auditor'] },
  { path: '/v1/ledger/journal', roles: ['fund-manager', 'auditor'] },
  { path: '/v1/ledger/trial-balance', roles: ['fund-manager', 'auditor'] },
  { path: '/v1/audit/events', roles: ['auditor'] },
  { path: '/v1/audit/streams', roles: ['auditor'] },
  { path: '/v1/audit/streams/loan-x', roles: ['auditor'] },
];

describe('who may call each GET route', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });

  afterAll(async () => {
    await api?.close();
  });

  const token = (role: TokenRole): string =>
    api.token(role, {
      ...(role === 'bank' ? { bankId: 'bank-x' } : {}),
      ...(role === 'enterprise' ? { enterpriseId: 'ent-x' } : {}),
    });

  it.each(READ_ROUTES.map((route) => [route.path, route.roles] as const))(
    '%s: 401 without a token, 403 for roles not in %j, never 401/403/5xx for those in it',
    async (path, roles) => {
      expect((await api.get(path, { token: null })).status).toBe(401);
      for (const role of ROLES) {
        const answer = await api.get(path, { token: token(role) });
        if (roles.includes(role)) {
          expect({ role, allowed: [200, 404].includes(answer.status) }).toEqual({ role, allowed: true });
        } else {
          expect({ role, status: answer.status, code: answer.body.error.code }).toEqual({
            role,
            status: 403,
            code: 'AUTH.FORBIDDEN',
          });
        }
      }
    },
  );
});
