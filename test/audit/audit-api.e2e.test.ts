import {
  startLifecycleServer,
  type Answer,
  type Database,
  type Json,
  type LifecycleServer,
} from '../lifecycle/lifecycle-server';
import { auditHistory, buildAuditWorld, type AuditWorld } from './audit-world';

/**
 * The auditor's API over HTTP on the embedded SQLite and on PostgreSQL: an aggregate's state and
 * the fund dashboard as of a past position or time, the history filtered, and who may ask
 * (the world: audit-world.ts; verification: audit-verification.e2e.test.ts).
 */
const DATABASES: Database[] = ['sqlite', 'postgres'];

describe.each(DATABASES)('the audit API on %s', (database) => {
  let server: LifecycleServer;
  let w: AuditWorld;

  beforeAll(async () => {
    server = await startLifecycleServer(database);
    w = await buildAuditWorld(server);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const history = (): Promise<Json[]> => auditHistory(server, w);

  const field = (answer: Answer): Json => ({
    status: answer.status,
    code: answer.body?.error?.code,
    fields: answer.body?.error?.details?.fields?.map((f: Json) => f.field),
  });

  describe("an aggregate's state as of a point", () => {
    it('a loan before its repayment, by position and by time, differs from now in what the repayment changed', async () => {
      const now = await server.get(`/v1/audit/loan/${w.loanId}/state`, w.AUDITOR);
      const byPosition = await server.get(`/v1/audit/loan/${w.loanId}/state?asOf=${w.beforeRepayment}`, w.AUDITOR);
      const byTime = await server.get(
        `/v1/audit/loan/${w.loanId}/state?asOf=${encodeURIComponent(w.momentBeforeRepayment)}`,
        w.AUDITOR,
      );
      expect([now.status, byPosition.status, byTime.status]).toEqual([200, 200, 200]);

      expect(now.body).toMatchObject({
        aggregate: 'loan',
        id: w.loanId,
        streamId: `loan-${w.loanId}`,
        revision: w.repaymentRevision,
        eventsApplied: w.repaymentRevision + 1,
      });
      expect(now.body.state.status).toBe('active');
      expect(now.body.state.terms.principal).toBe('2000000.00');
      expect(now.body.state.servicing).toMatchObject({ principalRepaid: '15000.00', interestRepaid: '20000.00' });
      expect(now.body.state.servicing.repayments).toEqual([
        expect.objectContaining({ valueDate: '2026-02-15', principal: '15000.00', interest: '20000.00' }),
      ]);

      const before = {
        revision: w.repaymentRevision - 1,
        position: w.beforeRepayment,
        eventsApplied: w.repaymentRevision,
      };
      expect(byPosition.body).toMatchObject({ ...before, asOf: { position: w.beforeRepayment } });
      expect(byTime.body).toMatchObject({ ...before, asOf: { time: w.momentBeforeRepayment } });
      for (const past of [byPosition.body, byTime.body]) {
        expect(past.state.status).toBe('active');
        expect(past.state.servicing).toMatchObject({ principalRepaid: '0.00', interestRepaid: '0.00', repayments: [] });
        // Everything the repayment did not touch is as it is now.
        expect(past.state.terms).toEqual(now.body.state.terms);
        expect(past.state.disbursement).toEqual(now.body.state.disbursement);
      }
    });

    it('replays other aggregates too, and is 404 where the aggregate had no event by then', async () => {
      const fund = await server.get(`/v1/audit/fund/fund-1/state?asOf=${w.firstContribution}`, w.AUDITOR);
      expect(fund.status).toBe(200);
      expect(fund.body.state).toMatchObject({ status: 'established', contributed: '10000000.00', paid: '0.00' });

      const beforeLoan = await server.get(`/v1/audit/loan/${w.loanId}/state?asOf=1`, w.AUDITOR);
      expect({ status: beforeLoan.status, code: beforeLoan.body.error.code }).toEqual({
        status: 404,
        code: 'AUDIT.AGGREGATE_NOT_FOUND',
      });
      const longAgo = await server.get(`/v1/audit/bank/B1/state?asOf=2000-01-01T00:00:00Z`, w.AUDITOR);
      expect(longAgo.status).toBe(404);
      const unknown = await server.get('/v1/audit/claim/no-such-claim/state', w.AUDITOR);
      expect(unknown.status).toBe(404);
    });

    it('refuses a bad asOf or aggregate with 400 naming the field and why', async () => {
      for (const asOf of ['yesterday', '2026-03-01', '2026-02-30T00:00:00Z', '-4']) {
        const answer = await server.get(`/v1/audit/loan/${w.loanId}/state?asOf=${asOf}`, w.AUDITOR);
        expect({ asOf, ...field(answer) }).toEqual({ asOf, status: 400, code: 'REQUEST.INVALID', fields: ['asOf'] });
        expect(answer.body.error.details.fields[0].problems[0]).toContain(asOf);
      }
      const aggregate = await server.get(`/v1/audit/loans/${w.loanId}/state`, w.AUDITOR);
      expect(field(aggregate)).toEqual({ status: 400, code: 'REQUEST.INVALID', fields: ['aggregate'] });
      expect(aggregate.body.error.details.fields[0].problems[0]).toContain('loan, claim, fund, ip-asset');
    });
  });

  describe('the fund dashboard as of a past point', () => {
    it('shows the figures of then, while the live dashboard shows those of now', async () => {
      const live = await server.get(`/v1/funds/fund-1/dashboard?minPosition=${w.head}`, w.FM);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ capitalContributed: '15000000.00', available: '15000000.00' });

      const past = await server.get(`/v1/audit/funds/fund-1/dashboard?asOf=${w.firstContribution}`, w.AUDITOR);
      expect(past.status).toBe(200);
      expect(past.body.asOf).toEqual({ position: w.firstContribution });
      expect(past.body.position).toBe(w.firstContribution);
      expect(past.body.dashboard).toMatchObject({
        fundId: 'fund-1',
        asOfDate: '2026-01-02',
        capitalContributed: '10000000.00',
        available: '10000000.00',
      });

      const byTime = await server.get(
        `/v1/audit/funds/fund-1/dashboard?asOf=${encodeURIComponent(w.momentAfterRepayment)}`,
        w.AUDITOR,
      );
      expect(byTime.body.dashboard.capitalContributed).toBe('10000000.00');
      const now = await server.get('/v1/audit/funds/fund-1/dashboard', w.AUDITOR);
      expect(now.body.dashboard).toEqual(live.body);

      // The live view is untouched by the replays.
      const again = await server.get('/v1/funds/fund-1/dashboard', w.FM);
      expect(again.body).toEqual(live.body);
    });

    it('is 404 before the fund existed and 400 for a bad asOf', async () => {
      expect((await server.get('/v1/audit/funds/fund-1/dashboard?asOf=1', w.AUDITOR)).status).toBe(404);
      const bad = await server.get('/v1/audit/funds/fund-1/dashboard?asOf=soon', w.AUDITOR);
      expect(field(bad)).toEqual({ status: 400, code: 'REQUEST.INVALID', fields: ['asOf'] });
    });
  });

  describe('the history filtered', () => {
    const types = (items: Json[]): string[] => items.map((event) => `${event.position} ${event.type}`);

    it('by type, actor, correlation id, stream and time range: exactly the matching events', async () => {
      const all = await history();
      const repayment = all.find((event) => event.type === 'RepaymentReceived');
      const cases: [string, (event: Json) => boolean][] = [
        ['type=RepaymentReceived', (event) => event.type === 'RepaymentReceived'],
        ['type=FundCapitalContributed', (event) => event.type === 'FundCapitalContributed'],
        ['actor=fm1', (event) => event.metadata.actor.sub === 'fm1'],
        ['actor=alice', (event) => event.metadata.actor.sub === 'alice'],
        [
          `correlationId=${repayment.metadata.correlationId}`,
          (event) => event.metadata.correlationId === repayment.metadata.correlationId,
        ],
        [`stream=loan-${w.loanId}`, (event) => event.streamId === `loan-${w.loanId}`],
        [
          `from=${encodeURIComponent(w.momentBeforeRepayment)}&to=${encodeURIComponent(w.momentAfterRepayment)}`,
          (event) =>
            event.metadata.recordedAt >= w.momentBeforeRepayment && event.metadata.recordedAt < w.momentAfterRepayment,
        ],
        [
          `actor=alice&from=${encodeURIComponent(w.momentBeforeRepayment)}`,
          (event) => event.metadata.actor.sub === 'alice' && event.metadata.recordedAt >= w.momentBeforeRepayment,
        ],
        ['actor=nobody', () => false],
      ];
      for (const [query, matches] of cases) {
        const answer = await server.get(`/v1/audit/events?limit=500&${query}`, w.AUDITOR);
        expect({ query, status: answer.status, nextCursor: answer.body.nextCursor }).toEqual({
          query,
          status: 200,
          nextCursor: null,
        });
        const expected = all.filter(matches);
        expect({ query, events: types(answer.body.items) }).toEqual({ query, events: types(expected) });
      }
      // The cases are not vacuous: each of these found something.
      const found = (query: string) => all.filter(cases.find(([q]) => q === query)![1]).length;
      expect([found('type=RepaymentReceived'), found('actor=fm1'), found('actor=alice')].every((n) => n > 0)).toBe(
        true,
      );
      expect(all.filter(cases[6][1]).map((event: Json) => event.type)).toEqual(['RepaymentReceived']);
    });

    it('pages a filter with `after` and `limit`, and the cursor goes on where the page stopped', async () => {
      const all = (await history()).filter((event) => event.metadata.actor.sub === 'fm1');
      const seen: Json[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const after: string = cursor === null ? '' : `&after=${cursor}`;
        const answer = await server.get(`/v1/audit/events?actor=fm1&limit=1${after}`, w.AUDITOR);
        expect(answer.status).toBe(200);
        seen.push(...answer.body.items);
        cursor = answer.body.nextCursor;
        if (cursor === null) break;
      }
      expect(types(seen)).toEqual(types(all));
    });

    it('refuses a bad filter with 400 naming the field', async () => {
      const cases: [string, string][] = [
        ['from=yesterday', 'from'],
        ['to=2026-13-01T00:00:00Z', 'to'],
        ['type=not a type', 'type'],
        ['stream=%20', 'stream'],
        ['correlationId=a%20b', 'correlationId'],
        [`from=${encodeURIComponent(w.momentAfterRepayment)}&to=${encodeURIComponent(w.momentBeforeRepayment)}`, 'to'],
        ['colour=red', 'colour'],
      ];
      for (const [query, name] of cases) {
        const answer = await server.get(`/v1/audit/events?${query}`, w.AUDITOR);
        expect({ query, ...field(answer) }).toEqual({ query, status: 400, code: 'REQUEST.INVALID', fields: [name] });
      }
    });
  });

  describe('the audit routes are the auditor’s alone', () => {
    const routes: [string, string, () => string][] = [
      ['GET', "a loan's state", () => `/v1/audit/loan/${w.loanId}/state`],
      ['GET', 'the fund dashboard as of a point', () => '/v1/audit/funds/fund-1/dashboard'],
      ['GET', 'the filtered history', () => '/v1/audit/events?actor=fm1'],
      ['POST', 'a verification', () => '/v1/audit/verifications'],
    ];
    it.each(routes)('%s of %s answers 403 to every other role', async (method, _what, path) => {
      for (const token of [
        w.ADMIN,
        w.BANK,
        w.FM,
        server.token({ role: 'enterprise', sub: 'ming', enterpriseId: 'ent-1' }),
      ]) {
        const answer = method === 'GET' ? await server.get(path(), token) : await server.post(path(), token, {});
        expect({ status: answer.status, code: answer.body.error.code }).toEqual({
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });
  });
});
