import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { fundDashboardProjection } from './fund-dashboard.projection';
import { getFundDashboard, type BankExposureView, type FundDashboard } from './fund-dashboard.query';
import { bankOfficer, bootLedgerOn, runFundScenario, type FundScenario } from './testing/fund-scenario';
import { dumpTables } from './testing/table-dump';

const TIMEOUT = 120_000;
const fundManager = { sub: 'fm-9', role: 'fund-manager' };
const auditor = { sub: 'audit-1', role: 'auditor' };

describe.each(DIALECTS)('fund dashboard on %s', (dialect) => {
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
    runner = new ProjectionRunner(fixture.events, readStore, fundDashboardProjection, { batchSize: 3 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 30_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  it(
    "shows the fund's position, each bank's exposure, the claim queue with entitlements and the watch list",
    async () => {
      const { fundId, a, b, loans } = scenario;
      const dashboard = await getFundDashboard(readStore, fundManager, { fundId });
      expect(dashboard).toEqual<FundDashboard>({
        fundId,
        name: 'Fujian IP pledge risk fund',
        establishedOn: '2026-01-01',
        // The recovery share received on 2026-09-01 is the fund's latest dated event.
        asOfDate: '2026-09-01',
        year: 2026,
        policyVersion: 1,
        capitalContributed: '10000000.00',
        // 10,000,000.00 - 750,000.00 + 215,365.23
        available: '9465365.23',
        // A1's cover closed when it was compensated; B1's 2,000,000.00 is still open.
        committedExposure: '2000000.00',
        maximumLiability: '750000.00',
        paid: '750000.00',
        recovered: '215365.23',
        // 2,000,000.00 / 10,000,000.00 = 0.2
        leverageBps: 2000,
        leverage: '0.2000',
        banks: (
          [
            {
              bankId: a.bankId,
              standing: 'admitted',
              standingSince: '2026-01-03',
              standingReason: null,
              loansEnrolled: 1,
              coveredPrincipal: '0.00',
              paid: '750000.00',
              recovered: '215365.23',
              paidInYear: '750000.00',
              annualCapRemaining: '4250000.00',
              enrolledPrincipal: '2000000.00',
              defaultedPrincipal: '2000000.00',
              badLoanRatioBps: 10000,
            },
            {
              bankId: b.bankId,
              standing: 'suspended',
              standingSince: '2026-06-30',
              standingReason: 'Bad-loan ratio 10000 bps is above the policy threshold of 5000 bps',
              loansEnrolled: 1,
              coveredPrincipal: '2000000.00',
              paid: '0.00',
              recovered: '0.00',
              paidInYear: '0.00',
              annualCapRemaining: '5000000.00',
              enrolledPrincipal: '2000000.00',
              defaultedPrincipal: '2000000.00',
              badLoanRatioBps: 10000,
            },
          ] satisfies BankExposureView[]
        ).sort((x, y) => (x.bankId < y.bankId ? -1 : 1)),
        claimQueue: [
          {
            claimId: loans.b1,
            loanId: loans.b1,
            bankId: b.bankId,
            status: 'approving',
            filedOn: '2026-06-20',
            principalLoss: '1985000.00',
            // min(40 % x 1,985,000.00 = 794,000.00, cap 750,000.00, bank B's 5,000,000.00, 9,465,365.23)
            entitlement: { ratioAmount: '794000.00', payout: '750000.00', boundApplied: 'per-loan-cap' },
            approvals: { payout: '750000.00', approvalsRequired: 2, approvers: ['fm-1'] },
          },
        ],
        // Both banks' loans in the fund are all in default: 10000 bps, above the 5000 threshold
        // (bank B was suspended for it; bank A has not been assessed).
        watchList: [a.bankId, b.bankId].sort().map((bankId) => ({
          bankId,
          standing: bankId === b.bankId ? 'suspended' : 'admitted',
          badLoanRatioBps: 10000,
          thresholdBps: 5000,
          headroomBps: -5000,
          breaches: true,
        })),
        watchMarginBps: 500,
      });
    },
    TIMEOUT,
  );

  it(
    'computes caps and entitlements for the year asked, and answers the same to an auditor',
    async () => {
      const next = (await getFundDashboard(readStore, auditor, { fundId: scenario.fundId, year: 2027 }))!;
      expect(next.year).toBe(2027);
      expect(next.banks.map((bank) => [bank.paidInYear, bank.annualCapRemaining])).toEqual([
        ['0.00', '5000000.00'],
        ['0.00', '5000000.00'],
      ]);
      expect(next.claimQueue[0].entitlement?.payout).toBe('750000.00');
    },
    TIMEOUT,
  );

  it(
    'is for fund managers and auditors only; an unknown fund is not found',
    async () => {
      expect(await getFundDashboard(readStore, fundManager, { fundId: 'no-such-fund' })).toBeNull();
      for (const caller of [
        bankOfficer(scenario.a.bankId),
        { sub: 'e', role: 'enterprise', enterpriseId: 'e-1' },
        { sub: 'admin-1', role: 'admin' },
      ]) {
        await expect(getFundDashboard(readStore, caller, { fundId: scenario.fundId })).rejects.toBeInstanceOf(
          ReadAccessDeniedError,
        );
      }
    },
    TIMEOUT,
  );

  it(
    'rebuilt from position 0, it holds exactly the rows the live projection built',
    async () => {
      const tables = {
        fund_dashboard_funds: ['fund_id'],
        fund_dashboard_banks: ['fund_id', 'bank_id'],
        fund_dashboard_loans: ['loan_id'],
        fund_dashboard_claims: ['claim_id'],
      };
      const live = await dumpTables(readStore, tables);
      expect(Object.values(live).map((rows) => rows.length)).toEqual([1, 2, 2, 2]);
      await rebuildProjection(fixture.events, readStore, fundDashboardProjection, { runner, batchSize: 500 });
      expect(await dumpTables(readStore, tables)).toEqual(live);
    },
    TIMEOUT,
  );
});
