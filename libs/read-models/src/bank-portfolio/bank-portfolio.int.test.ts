import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { bankOfficer, bootLedgerOn, runFundScenario, type FundScenario } from '../fund-dashboard/testing/fund-scenario';
import { dumpTables } from '../fund-dashboard/testing/table-dump';
import { bankPortfolioProjection } from './bank-portfolio.projection';
import { getBankPortfolio, type BankPortfolio, type PortfolioFigures } from './bank-portfolio.query';

const TIMEOUT = 120_000;
const fundManager = { sub: 'fm-9', role: 'fund-manager' };
const auditor = { sub: 'audit-1', role: 'auditor' };

const none: PortfolioFigures = { loans: 0, principal: '0.00', outstandingPrincipal: '0.00' };
const STATUSES = ['originated', 'pledges-secured', 'pledges-refused', 'active', 'repaid', 'defaulted', 'written-off'];
const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'];

/** Every status (or bucket) with zeros, except the ones given. */
function byStatus(figures: Record<string, PortfolioFigures>) {
  return STATUSES.map((status) => ({ status, ...(figures[status] ?? none) }));
}
function byBucket(figures: Record<string, PortfolioFigures>) {
  return BUCKETS.map((bucket) => ({ bucket, ...(figures[bucket] ?? none) }));
}

describe.each(DIALECTS)('bank portfolio on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let app: LedgerApp;
  let runner: ProjectionRunner;
  let scenario: FundScenario;

  beforeAll(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    app = await bootLedgerOn(fixture.events, dialect);
    scenario = await runFundScenario(app);
    runner = new ProjectionRunner(fixture.events, readStore, bankPortfolioProjection, { batchSize: 3 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 30_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  it(
    'totals a bank with a written-off loan, the compensation counted against its annual cap',
    async () => {
      const { a, fundId } = scenario;
      const writtenOff = { loans: 1, principal: '2000000.00', outstandingPrincipal: '0.00' };
      expect(await getBankPortfolio(readStore, bankOfficer(a.bankId), { bankId: a.bankId })).toEqual<BankPortfolio>({
        bankId: a.bankId,
        name: 'Fuzhou Rural Commercial Bank',
        scope: 'all-loans',
        asOfDate: '2026-10-01',
        year: 2026,
        totals: writtenOff,
        byStatus: byStatus({ 'written-off': writtenOff }) as BankPortfolio['byStatus'],
        // A closed loan has no bucket.
        byBucket: byBucket({}) as BankPortfolio['byBucket'],
        badLoans: { basePrincipal: '2000000.00', badPrincipal: '2000000.00', badLoanRatioBps: 10000 },
        funds: [
          {
            fundId,
            standing: 'admitted',
            policyVersion: 1,
            perBankAnnualCap: '5000000.00',
            capUsed: '750000.00',
            capLeft: '4250000.00',
            enrolledPrincipal: '2000000.00',
            defaultedPrincipal: '2000000.00',
            badLoanRatioBps: 10000,
          },
        ],
      });
    },
    TIMEOUT,
  );

  it(
    'puts a defaulted loan in the bucket of its days past due at default, with what is still outstanding',
    async () => {
      const { b } = scenario;
      const portfolio = (await getBankPortfolio(readStore, auditor, { bankId: b.bankId }))!;
      // 35,000.00 repaid: 20,000.00 interest, 15,000.00 principal; 91 days past due at default.
      const defaulted = { loans: 1, principal: '2000000.00', outstandingPrincipal: '1985000.00' };
      expect(portfolio.asOfDate).toBe('2026-06-14');
      expect(portfolio.totals).toEqual(defaulted);
      expect(portfolio.byStatus).toEqual(byStatus({ defaulted }));
      expect(portfolio.byBucket).toEqual(byBucket({ '90+': defaulted }));
      expect(portfolio.funds[0]).toMatchObject({
        standing: 'suspended',
        capUsed: '0.00',
        capLeft: '5000000.00',
        badLoanRatioBps: 10000,
      });
    },
    TIMEOUT,
  );

  it(
    'buckets an active loan as last assessed; a bank outside the fund has no cap to show',
    async () => {
      const { c } = scenario;
      const portfolio = (await getBankPortfolio(readStore, bankOfficer(c.bankId), { bankId: c.bankId }))!;
      // Nothing paid: the 2026-02-15 interest is 33 days past due on 2026-03-20.
      const active = { loans: 1, principal: '2000000.00', outstandingPrincipal: '2000000.00' };
      expect(portfolio).toMatchObject({ asOfDate: '2026-03-20', year: 2026, totals: active, funds: [] });
      expect(portfolio.byStatus).toEqual(byStatus({ active }));
      expect(portfolio.byBucket).toEqual(byBucket({ '31-60': active }));
      expect(portfolio.badLoans).toEqual({ basePrincipal: '2000000.00', badPrincipal: '0.00', badLoanRatioBps: 0 });
    },
    TIMEOUT,
  );

  it(
    'keeps a bank to its own portfolio, and a fund manager to the loans a fund covers',
    async () => {
      const { a, b, c } = scenario;
      expect(await getBankPortfolio(readStore, bankOfficer(a.bankId), { bankId: b.bankId })).toBeNull();
      expect(await getBankPortfolio(readStore, bankOfficer(a.bankId), { bankId: 'no-such-bank' })).toBeNull();
      expect(await getBankPortfolio(readStore, auditor, { bankId: 'no-such-bank' })).toBeNull();
      const seenByFund = (await getBankPortfolio(readStore, fundManager, { bankId: c.bankId }))!;
      expect(seenByFund).toMatchObject({ scope: 'fund-covered-loans', totals: none });
      expect((await getBankPortfolio(readStore, fundManager, { bankId: a.bankId }))?.totals.loans).toBe(1);
      for (const caller of [
        { sub: 'e', role: 'enterprise', enterpriseId: 'e-1' },
        { sub: 'admin-1', role: 'admin' },
      ]) {
        await expect(getBankPortfolio(readStore, caller, { bankId: a.bankId })).rejects.toBeInstanceOf(
          ReadAccessDeniedError,
        );
      }
    },
    TIMEOUT,
  );

  it(
    'shows the cap of the year asked',
    async () => {
      const { a } = scenario;
      const next = (await getBankPortfolio(readStore, auditor, { bankId: a.bankId, year: 2027 }))!;
      expect(next.year).toBe(2027);
      expect(next.funds[0]).toMatchObject({ capUsed: '0.00', capLeft: '5000000.00' });
      await expect(getBankPortfolio(readStore, auditor, { bankId: a.bankId, year: 20.5 })).rejects.toMatchObject({
        code: 'READ_MODEL.INVALID_QUERY',
        field: 'year',
      });
    },
    TIMEOUT,
  );

  it(
    'rebuilt from position 0, it holds exactly the rows the live projection built',
    async () => {
      const tables = {
        bank_portfolio_banks: ['bank_id'],
        bank_portfolio_loans: ['loan_id'],
        bank_portfolio_fund_policies: ['fund_id'],
        bank_portfolio_fund_banks: ['fund_id', 'bank_id'],
      };
      const live = await dumpTables(readStore, tables);
      expect(Object.values(live).map((rows) => rows.length)).toEqual([3, 3, 1, 2]);
      await rebuildProjection(fixture.events, readStore, bankPortfolioProjection, { runner, batchSize: 500 });
      expect(await dumpTables(readStore, tables)).toEqual(live);
    },
    TIMEOUT,
  );
});
