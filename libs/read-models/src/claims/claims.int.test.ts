import type { PayoutTrace } from '@pledge-ledger/domain';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { bankOfficer, bootLedgerOn, runFundScenario, type FundScenario } from '../fund-dashboard/testing/fund-scenario';
import { dumpTables } from '../fund-dashboard/testing/table-dump';
import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { claimsProjection } from './claim.projection';
import { getClaim, listClaims, type ClaimView } from './claim.query';

const TIMEOUT = 120_000;
const fundManager = { sub: 'fm-9', role: 'fund-manager' };
const auditor = { sub: 'audit-1', role: 'auditor' };

describe.each(DIALECTS)('claims view on %s', (dialect) => {
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
    // Small batches: a claim's events fall in several batches, folded onto the stored row each time.
    runner = new ProjectionRunner(fixture.events, readStore, claimsProjection, { batchSize: 4 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 30_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  const bankA = () => bankOfficer(scenario.a.bankId);
  const bankB = () => bankOfficer(scenario.b.bankId);

  it(
    'shows a paid claim with its cover, both approvals and their calculation trace, the payment and the recovery share',
    async () => {
      const claim = (await getClaim(readStore, auditor, { claimId: scenario.loans.a1 }))!;
      const calculation: PayoutTrace = {
        policyVersion: 1,
        enrolmentPolicyVersion: 1,
        coverageRatioBps: 4000,
        tier: 1,
        principalLoss: '1985000.00',
        // 40 % x 1,985,000.00 = 794,000.00, above the per-loan cap of 750,000.00.
        ratioAmount: '794000.00',
        perLoanCap: '750000.00',
        bankAnnualCapRemaining: '5000000.00',
        fundAvailableBalance: '10000000.00',
        payout: '750000.00',
        boundApplied: 'per-loan-cap',
        dualApprovalThreshold: '500000.00',
      };
      expect(claim).toEqual<ClaimView>({
        claimId: scenario.loans.a1,
        loanId: scenario.loans.a1,
        bankId: scenario.a.bankId,
        fundId: scenario.fundId,
        status: 'paid',
        principalLoss: '1985000.00',
        outstandingPrincipalAtDefault: '1985000.00',
        recoveriesSoFar: '0.00',
        cover: {
          policyVersion: 1,
          coverageRatioBps: 4000,
          tier: 1,
          perLoanCap: '750000.00',
          coveredPrincipal: '2000000.00',
        },
        filedBy: bankA().sub,
        filedOn: '2026-06-20',
        filings: 1,
        currentRound: { payout: '750000.00', approvalsRequired: 2, approvers: ['fm-1', 'fm-2'], calculation },
        approvals: [
          {
            filing: 1,
            approvedBy: 'fm-1',
            approvedOn: '2026-06-25',
            approvalsRequired: 2,
            approvalsSoFar: 1,
            fullyApproved: false,
            calculation,
          },
          {
            filing: 1,
            approvedBy: 'fm-2',
            approvedOn: '2026-06-26',
            approvalsRequired: 2,
            approvalsSoFar: 2,
            fullyApproved: true,
            calculation,
          },
        ],
        rejection: null,
        rejections: [],
        payment: { amount: '750000.00', paidOn: '2026-06-26' },
        paymentRefusals: [],
        // Net 570,000.00 x 750,000.00 / 1,985,000.00 = 215,365.239..., rounded down to the fen.
        recoveryShares: [
          {
            recoveryId: expect.any(String),
            recoveryAmount: '570000.00',
            fundShare: '215365.23',
            cumulativeShared: '215365.23',
            sharedOn: '2026-09-01',
          },
        ],
        cumulativeShared: '215365.23',
        lastPosition: expect.any(String),
      });
    },
    TIMEOUT,
  );

  it(
    'shows a claim half-way through its approvals: one of the two approvers, the payout on the fund as it then stood',
    async () => {
      const claim = (await getClaim(readStore, fundManager, { claimId: scenario.loans.b1 }))!;
      expect(claim.status).toBe('approving');
      expect(claim.payment).toBeNull();
      expect(claim.currentRound).toMatchObject({ payout: '750000.00', approvalsRequired: 2, approvers: ['fm-1'] });
      // 10,000,000.00 - 750,000.00 paid + 215,365.23 recovered = 9,465,365.23 available; bank B's cap untouched.
      expect(claim.currentRound?.calculation).toMatchObject({
        fundAvailableBalance: '9465365.23',
        bankAnnualCapRemaining: '5000000.00',
        boundApplied: 'per-loan-cap',
      });
      expect(claim.approvals).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    "lets a bank see its own claims only: another bank's claim is not found, not shown",
    async () => {
      expect((await listClaims(readStore, bankA())).items.map((c) => c.claimId)).toEqual([scenario.loans.a1]);
      expect((await listClaims(readStore, bankB())).items.map((c) => c.claimId)).toEqual([scenario.loans.b1]);
      expect(await getClaim(readStore, bankA(), { claimId: scenario.loans.b1 })).toBeNull();
      expect(await getClaim(readStore, bankA(), { claimId: 'no-such-claim' })).toBeNull();
      expect((await getClaim(readStore, bankB(), { claimId: scenario.loans.b1 }))?.status).toBe('approving');
      const noBank = { sub: 'clerk', role: 'bank' };
      expect((await listClaims(readStore, noBank)).items).toEqual([]);
      for (const role of ['enterprise', 'admin']) {
        const caller = { sub: 'x', role, enterpriseId: 'e-1' };
        await expect(listClaims(readStore, caller)).rejects.toBeInstanceOf(ReadAccessDeniedError);
        await expect(getClaim(readStore, caller, { claimId: scenario.loans.a1 })).rejects.toBeInstanceOf(
          ReadAccessDeniedError,
        );
      }
    },
    TIMEOUT,
  );

  it(
    'pages by claim id and filters by status, for fund managers and auditors alike',
    async () => {
      const ids = [scenario.loans.a1, scenario.loans.b1].sort();
      const first = await listClaims(readStore, fundManager, { limit: 1 });
      expect(first.items.map((c) => c.claimId)).toEqual([ids[0]]);
      expect(first.nextCursor).toBe(ids[0]);
      const second = await listClaims(readStore, fundManager, { limit: 1, after: first.nextCursor! });
      expect(second.items.map((c) => c.claimId)).toEqual([ids[1]]);
      expect(second.nextCursor).toBeNull();
      expect((await listClaims(readStore, auditor, { status: 'paid' })).items.map((c) => c.claimId)).toEqual([
        scenario.loans.a1,
      ]);
      expect((await listClaims(readStore, auditor, { status: 'approving' })).items.map((c) => c.claimId)).toEqual([
        scenario.loans.b1,
      ]);
      expect((await listClaims(readStore, bankA(), { status: 'approving' })).items).toEqual([]);
      await expect(listClaims(readStore, auditor, { status: 'lost' as unknown as 'paid' })).rejects.toMatchObject({
        code: 'READ_MODEL.INVALID_QUERY',
        field: 'status',
      });
    },
    TIMEOUT,
  );

  it(
    'rebuilt from position 0, it holds exactly the rows the live projection built',
    async () => {
      const tables = { claims: ['claim_id'] };
      const live = await dumpTables(readStore, tables);
      expect(live.claims).toHaveLength(2);
      await rebuildProjection(fixture.events, readStore, claimsProjection, { runner, batchSize: 500 });
      expect(await dumpTables(readStore, tables)).toEqual(live);
    },
    TIMEOUT,
  );
});
