/**
 * The whole lifecycle through the CommandBus, each step taken by the person who takes it (admin,
 * bank B1, fund managers FM1 and FM2); the process managers run in the background from the
 * durable feed and nobody issues a system command by hand. Every balance is checked on the
 * aggregates' own state, against figures computed by hand in the comments (money in fen).
 */
import type { ClaimState, IpAssetState, LoanState, RiskFundState } from '@pledge-ledger/domain';
import {
  availableBalance,
  claimDecider,
  claimStreamId,
  ipAssetDecider,
  ipAssetStreamId,
  loanDecider,
  loanPositionAsOf,
  loanStreamId,
  riskFundDecider,
  riskFundStreamId,
} from '@pledge-ledger/domain';
import { comparePositions } from '@pledge-ledger/event-store';
import { ApproveClaimCommand } from '../commands/claims/approve-claim/approve-claim.command';
import { FileClaimCommand } from '../commands/claims/file-claim/file-claim.command';
import { AssessDelinquencyCommand } from '../commands/loans/assess-delinquency/assess-delinquency.command';
import { DeclareDefaultCommand } from '../commands/loans/declare-default/declare-default.command';
import { ReceiveRepaymentCommand } from '../commands/loans/receive-repayment/receive-repayment.command';
import { RecordRecoveryCommand } from '../commands/loans/record-recovery/record-recovery.command';
import { WriteOffLoanCommand } from '../commands/loans/write-off-loan/write-off-loan.command';
import { EnrolLoanCommand } from '../commands/risk-funds/enrol-loan/enrol-loan.command';
import { disburse, originateLoan, registerParties, setUpFund, type Parties } from './testing/lifecycle-steps';
import {
  as,
  bankOfficer,
  bootLedger,
  countByType,
  fm1,
  fm2,
  openLedgerStores,
  stateOf,
  STORE_KINDS,
  type LedgerApp,
  type LedgerStores,
} from './testing/process-manager-ledger';

type Fund = Extract<RiskFundState, { status: 'established' }>;
type Loan<S extends LoanState['status']> = Extract<LoanState, { status: S }>;
type Claim<S extends ClaimState['status']> = Extract<ClaimState, { status: S }>;

describe.each(STORE_KINDS)('the lifecycle on %s', (kind) => {
  let stores: LedgerStores;
  beforeAll(async () => {
    stores = await openLedgerStores(kind);
  });
  afterAll(async () => {
    await stores?.close();
  });

  const fund = async (fundId: string) =>
    (await stateOf(stores.store, riskFundDecider, riskFundStreamId(fundId))) as Fund;
  const loan = (loanId: string) => stateOf(stores.store, loanDecider, loanStreamId(loanId));
  const claim = (loanId: string) => stateOf(stores.store, claimDecider, claimStreamId(loanId));
  const asset = (assetId: string) => stateOf(stores.store, ipAssetDecider, ipAssetStreamId(assetId));
  const pledgeOn = (state: IpAssetState) => (state.status === 'unregistered' ? undefined : state.pledge);

  /** Steps shared by the runs: bank B1 and the fund managers, through the bus. */
  const steps = (app: LedgerApp, parties: Parties, loanId: string) => {
    const bank = () => as(bankOfficer(parties.bankId));
    return {
      enrol: (fundId: string) => app.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, as(fm1))),
      repay: (amount: string, valueDate: string) =>
        app.run(new ReceiveRepaymentCommand({ loanId, amount, valueDate }, bank())),
      assess: (asOf: string) => app.run(new AssessDelinquencyCommand({ loanId, asOf }, bank())),
      declareDefault: (asOf: string) => app.run(new DeclareDefaultCommand({ loanId, asOf }, bank())),
      fileClaim: (filedOn: string) => app.run(new FileClaimCommand({ loanId, filedOn }, bank())),
      approve: (approver: typeof fm1, approvedOn: string) =>
        app.run(new ApproveClaimCommand({ claimId: loanId, approvedOn }, as(approver))),
      // The bank records the sale on the loan; the pledge-enforcement process manager enforces the
      // pledge on the asset.
      sell: (assetId: string, date: string, proceeds: string, costs: string | null) =>
        app.run(
          new RecordRecoveryCommand(
            { loanId, amount: proceeds, costs, source: 'pledge-enforcement', assetId, valueDate: date },
            bank(),
          ),
        ),
      writeOff: (valueDate: string) => app.run(new WriteOffLoanCommand({ loanId, valueDate }, bank())),
    };
  };

  it('runs a pledged loan from origination to write-off, the fund paying the claim and sharing the recoveries', async () => {
    const app = await bootLedger(stores);
    try {
      const parties = await registerParties(app);
      const [patentA, patentB] = parties.assetIds;
      const fundId = await setUpFund(app, parties.bankId);
      // Capital 10,000,000.00 = 1,000,000,000 fen, nothing paid or recovered.
      expect(availableBalance(await fund(fundId))).toBe(1_000_000_000n);

      // Originated: 2,000,000.00 against both patents. The pledging process manager registers both
      // pledges and secures them on the loan.
      const { loanId, result: originated } = await originateLoan(app, parties);
      const step = steps(app, parties, loanId);
      await app.managers!.waitForAll(originated.position!);
      const secured = (await loan(loanId)) as Loan<'pledges-secured'>;
      expect(secured.status).toBe('pledges-secured');
      expect(secured.pledges.map((p) => [p.assetId, p.registeredOn])).toEqual([
        [patentA, '2026-01-10'],
        [patentB, '2026-01-10'],
      ]);
      for (const patent of [patentA, patentB]) {
        expect(pledgeOn(await asset(patent))).toMatchObject({ loanId, pledgeeBankId: parties.bankId });
      }
      // The system's events name their cause: LoanPledgesSecured was caused by LoanOriginated.
      const loanEvents = await stores.store.readStream(loanStreamId(loanId));
      expect(loanEvents[1].metadata).toMatchObject({
        actor: { role: 'system' },
        causationId: loanEvents[0].metadata.eventId,
        correlationId: loanEvents[0].metadata.correlationId,
      });

      await disburse(app, parties, loanId);
      expect(((await loan(loanId)) as Loan<'active'>).status).toBe('active');

      // Enrolled by FM1: 2,000,000.00 is in the first tier (40 %); the most the fund may pay is
      // min(40 % x 2,000,000.00 = 800,000.00, per-loan cap 750,000.00) = 750,000.00. The loan then
      // records its cover and the policy's 90-day threshold (fund-coverage process manager).
      await step.enrol(fundId);
      await app.settle();
      const enrolment = (await fund(fundId)).enrolments[loanId];
      expect(enrolment).toMatchObject({ coverageRatioBps: 4000, maxCompensation: 75_000_000n, status: 'covered' });
      expect(((await loan(loanId)) as Loan<'active'>).coverage).toEqual({
        fundId,
        coverageRatioBps: 4000,
        coveredPrincipal: 200_000_000n,
        policyVersion: 1,
        defaultThresholdDays: 90,
      });

      // Partly repaid on 2026-02-15: 35,000.00 = the first month's interest 20,000.00 (2,000,000.00
      // x 12 % / 12), then 15,000.00 of principal: 1,985,000.00 outstanding.
      await step.repay('35000.00', '2026-02-15');
      const repaid = (await loan(loanId)) as Loan<'active'>;
      expect(repaid.servicing).toMatchObject({ principalRepaid: 1_500_000n, interestRepaid: 2_000_000n });
      expect(loanPositionAsOf(repaid, '2026-02-15')?.outstandingPrincipal).toBe(198_500_000n);

      // Assessed on 2026-06-14: the 2026-03-15 instalment is the oldest unpaid (35,000.00 covers the
      // first 20,000.00 and 15,000.00 of the second), 16 + 30 + 31 + 14 = 91 days past due: 90+.
      // Interest due: four instalments (Feb to May) 80,000.00 - 20,000.00 paid = 60,000.00.
      await step.assess('2026-06-14');
      expect(((await loan(loanId)) as Loan<'active'>).servicing.lastAssessment).toEqual({
        asOf: '2026-06-14',
        daysPastDue: 91,
        bucket: '90+',
        principalDue: 0n,
        interestDue: 6_000_000n,
      });

      // Defaulted: 91 > the fund policy's 90 days, with 1,985,000.00 outstanding.
      await step.declareDefault('2026-06-14');
      const inDefault = (await loan(loanId)) as Loan<'defaulted'>;
      expect(inDefault.default).toMatchObject({ outstandingPrincipal: 198_500_000n, thresholdDays: 90 });

      // Claim filed by B1: principal loss 1,985,000.00 (nothing recovered yet).
      await step.fileClaim('2026-06-20');
      expect(((await claim(loanId)) as Claim<'filed'>).principalLoss).toBe(198_500_000n);

      // FM1 approves: payout = min(40 % x 1,985,000.00 = 794,000.00, per-loan cap 750,000.00,
      // B1's annual cap left 5,000,000.00, available 10,000,000.00) = 750,000.00 > 500,000.00, so a
      // second fund manager must approve before anything is paid.
      const first = await step.approve(fm1, '2026-06-25');
      await app.managers!.waitForAll(first.position!);
      const approving = (await claim(loanId)) as Claim<'approving'>;
      expect(approving.status).toBe('approving');
      expect(approving.round).toMatchObject({ payout: 75_000_000n, approvalsRequired: 2, approvers: ['fm-1'] });
      expect(approving.round.trace).toMatchObject({ ratioAmount: '794000.00', boundApplied: 'per-loan-cap' });
      expect((await fund(fundId)).paid).toBe(0n);

      // FM2 approves: the claim-payment process manager pays it out of the fund, then marks it paid.
      await step.approve(fm2, '2026-06-26');
      await app.settle();
      const paidClaim = (await claim(loanId)) as Claim<'paid'>;
      expect(paidClaim).toMatchObject({ status: 'paid', paidAmount: 75_000_000n, paidOn: '2026-06-26' });
      let position = await fund(fundId);
      expect(position.paid).toBe(75_000_000n);
      // 10,000,000.00 - 750,000.00 = 9,250,000.00
      expect(availableBalance(position)).toBe(925_000_000n);
      expect(position.enrolments[loanId].status).toBe('compensated');

      // Patent A sold for 600,000.00 with 30,000.00 of costs: net 570,000.00. The fund bore
      // 750,000.00 / 1,985,000.00 of the loss: floor(570,000.00 x 750,000.00 / 1,985,000.00)
      // = floor(215,365.239...) = 215,365.23.
      await step.sell(patentA, '2026-09-01', '600000.00', '30000.00');
      await app.settle();
      expect(((await claim(loanId)) as Claim<'paid'>).cumulativeShared).toBe(21_536_523n);
      expect((await fund(fundId)).recovered).toBe(21_536_523n);

      // Patent B sold for 400,000.00, no costs: floor(400,000.00 x 750,000.00 / 1,985,000.00)
      // = floor(151,133.501...) = 151,133.50; cumulative 366,498.73 (under the 750,000.00 paid).
      await step.sell(patentB, '2026-09-15', '400000.00', null);
      await app.settle();
      const sharing = (await claim(loanId)) as Claim<'paid'>;
      expect(sharing.cumulativeShared).toBe(36_649_873n);
      expect(sharing.recoveryIds).toHaveLength(2);
      position = await fund(fundId);
      expect(position.recovered).toBe(36_649_873n);
      expect(position.paidClaims[loanId]).toMatchObject({ amount: 75_000_000n, recovered: 36_649_873n });
      // 10,000,000.00 - 750,000.00 + 366,498.73 = 9,616,498.73
      expect(availableBalance(position)).toBe(961_649_873n);
      const recovering = (await loan(loanId)) as Loan<'defaulted'>;
      expect(recovering.recoveries.totalRecovered).toBe(100_000_000n);
      // Each sale recorded on the loan enforced the pledge on its asset (pledge-enforcement).
      expect(await asset(patentA)).toMatchObject({
        status: 'disposed',
        disposal: { loanId, enforcementDate: '2026-09-01', saleProceeds: 60_000_000n },
      });
      expect(await asset(patentB)).toMatchObject({
        status: 'disposed',
        disposal: { loanId, enforcementDate: '2026-09-15', saleProceeds: 40_000_000n },
      });

      // Written off: 1,985,000.00 outstanding at default - 1,000,000.00 recovered = 985,000.00.
      await step.writeOff('2026-10-01');
      await app.settle();
      const writtenOff = (await loan(loanId)) as Loan<'written-off'>;
      expect(writtenOff.status).toBe('written-off');
      expect(writtenOff.writeOff).toEqual({ valueDate: '2026-10-01', amount: 98_500_000n });

      expect(await countByType(stores.store, riskFundStreamId(fundId))).toMatchObject({
        CompensationPaid: 1,
        RecoveryShareReceived: 2,
      });
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("stores every process manager's checkpoint when the application shuts down", async () => {
    const app = await bootLedger(stores);
    let names: string[] = [];
    try {
      const parties = await registerParties(app);
      await originateLoan(app, parties);
      await app.settle();
      names = app.managers!.runners.map((runner) => runner.manager.name);
    } finally {
      await app.close();
    }
    expect(names).toEqual(['pledging', 'fund-coverage', 'claim-payment', 'recovery-sharing', 'pledge-enforcement']);
    const head = await stores.store.headPosition();
    for (const name of names) expect(comparePositions(await stores.checkpoints.load(name), head)).toBe(0);
  });

  it('compensates a refused pledge: the pledge already registered for the loan is released', async () => {
    const app = await bootLedger(stores);
    try {
      const parties = await registerParties(app);
      const [patentA, patentB] = parties.assetIds;
      // Another loan holds patent B.
      const { loanId: otherLoanId } = await originateLoan(app, parties, [patentB]);
      await app.settle();
      expect((await loan(otherLoanId)).status).toBe('pledges-secured');

      const { loanId } = await originateLoan(app, parties, [patentA, patentB]);
      await app.settle();

      const refused = (await loan(loanId)) as Loan<'pledges-refused'>;
      expect(refused.status).toBe('pledges-refused');
      expect(refused.refusals).toHaveLength(1);
      expect(refused.refusals[0].assetId).toBe(patentB);
      expect(refused.refusals[0].reasons).toEqual([expect.stringMatching(/^IP_ASSET\.ALREADY_PLEDGED: /)]);
      expect(refused.refusals[0].reasons[0]).toContain(otherLoanId);

      // Patent A was pledged for this loan, then released by the compensation; nothing deleted.
      const patentAEvents = await stores.store.readStream(ipAssetStreamId(patentA));
      expect(patentAEvents.map((e) => [e.type, e.data.loanId ?? null, e.data.reason ?? null])).toEqual([
        ['IpAssetRegistered', null, null],
        ['ValuationRecorded', null, null],
        ['PledgeRegistered', loanId, null],
        ['PledgeReleased', loanId, 'pledge-refused'],
      ]);
      expect(pledgeOn(await asset(patentA))).toBeNull();
      // Patent B stays pledged to the other loan.
      expect(pledgeOn(await asset(patentB))).toMatchObject({ loanId: otherLoanId });

      await expect(disburse(app, parties, loanId)).rejects.toMatchObject({ code: 'LOAN.PLEDGES_NOT_SECURED' });
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('restarts from stored checkpoints after a crash mid-flow and finishes the flow without a duplicate event', async () => {
    let app = await bootLedger(stores);
    const open = new Set<LedgerApp>([app]);
    try {
      const parties = await registerParties(app);
      const fundId = await setUpFund(app, parties.bankId);
      const { loanId } = await originateLoan(app, parties);
      await app.settle();
      const step = steps(app, parties, loanId);
      await disburse(app, parties, loanId);
      await step.enrol(fundId);
      // The loan records its cover before the bank's next command on it (else that one would meet a
      // concurrent write, and fail with ConcurrencyError as it should).
      await app.settle();
      await step.repay('35000.00', '2026-02-15');
      await step.assess('2026-06-14');
      await step.declareDefault('2026-06-14');
      await step.fileClaim('2026-06-20');
      await step.approve(fm1, '2026-06-25');
      await app.settle();

      // The process "crashes" from here: the runners keep working but none of their checkpoints
      // reaches the store, so after the restart they deliver again what they had already done.
      stores.checkpoints.freeze();
      const fullApproval = await step.approve(fm2, '2026-06-26');
      await app.settle();
      expect((await claim(loanId)).status).toBe('paid');
      await app.close();
      open.delete(app);

      // While no process manager runs, the bank sells patent A and records the recovery.
      const withoutManagers = await bootLedger(stores, { processManagers: false });
      open.add(withoutManagers);
      await steps(withoutManagers, parties, loanId).sell(parties.assetIds[0], '2026-09-01', '600000.00', '30000.00');
      await withoutManagers.close();
      open.delete(withoutManagers);
      stores.checkpoints.thaw();
      expect(comparePositions(await stores.checkpoints.load('claim-payment'), fullApproval.position!)).toBe(-1);
      expect(((await claim(loanId)) as Claim<'paid'>).cumulativeShared).toBe(0n);

      // New runners from the stored checkpoints: the payment is delivered again (no second one) and
      // the recovery is shared.
      app = await bootLedger(stores);
      open.add(app);
      await app.settle();
      expect(((await claim(loanId)) as Claim<'paid'>).cumulativeShared).toBe(21_536_523n);
      const position = await fund(fundId);
      expect(position.paid).toBe(75_000_000n);
      expect(position.recovered).toBe(21_536_523n);

      expect(await countByType(stores.store, claimStreamId(loanId))).toEqual({
        ClaimFiled: 1,
        ClaimApproved: 2,
        ClaimPaid: 1,
        RecoveryShared: 1,
      });
      expect(await countByType(stores.store, riskFundStreamId(fundId))).toEqual({
        FundEstablished: 1,
        FundCapitalContributed: 1,
        FundPolicyPublished: 1,
        BankAdmitted: 1,
        LoanEnrolled: 1,
        CompensationPaid: 1,
        RecoveryShareReceived: 1,
      });
      expect(await countByType(stores.store, loanStreamId(loanId))).toEqual({
        LoanOriginated: 1,
        LoanPledgesSecured: 1,
        LoanDisbursed: 1,
        LoanFundCoverageRecorded: 1,
        RepaymentReceived: 1,
        LoanDelinquencyAssessed: 1,
        LoanDefaulted: 1,
        RecoveryRecorded: 1,
      });
      for (const patent of parties.assetIds) {
        expect((await countByType(stores.store, ipAssetStreamId(patent))).PledgeRegistered).toBe(1);
      }
      expect(app.errors).toEqual([]);
    } finally {
      stores.checkpoints.thaw();
      for (const running of open) await running.close();
    }
  });
});
