import type { FundPolicyData } from '@pledge-ledger/domain';
import {
  ClaimAlreadyApprovedByYouError,
  ClaimLoanNotDefaultedError,
  ClaimLoanNotEnrolledError,
  ClaimNotFoundError,
  claimStreamId,
  riskFundStreamId,
} from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import {
  bankOfficer,
  context,
  disbursedLoan,
  expectMetadata,
  expectRefusal,
  fundAdmitting,
  fundManager,
  openTestLedger,
  secondFundManager,
  STORE_KINDS,
  system,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { DeclareDefaultCommand } from '../loans/declare-default/declare-default.command';
import { RecordFundCoverageCommand } from '../loans/record-fund-coverage/record-fund-coverage.command';
import { RecordRecoveryCommand } from '../loans/record-recovery/record-recovery.command';
import { EnrolLoanCommand } from '../risk-funds/enrol-loan/enrol-loan.command';
import { PayCompensationCommand } from '../risk-funds/pay-compensation/pay-compensation.command';
import { ApproveClaimCommand } from './approve-claim/approve-claim.command';
import { FileClaimCommand } from './file-claim/file-claim.command';
import { MarkClaimPaidCommand } from './mark-claim-paid/mark-claim-paid.command';
import { RejectClaimCommand } from './reject-claim/reject-claim.command';

describe.each(STORE_KINDS)('claim commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  /** A 1,000,000.00 loan enrolled at 40 %, its coverage recorded, defaulted on 2026-06-01 (106 days past due). */
  async function enrolledLoan(policy: Partial<FundPolicyData> = {}, { defaulted = true } = {}) {
    const { bankId, loanId } = await disbursedLoan(ledger);
    const fundId = await fundAdmitting(ledger, bankId, policy);
    await ledger.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, context(fundManager)));
    await ledger.run(
      new RecordFundCoverageCommand(
        {
          loanId,
          fundId,
          coverageRatioBps: 4000,
          coveredPrincipal: '1000000.00',
          policyVersion: 1,
          defaultThresholdDays: 90,
        },
        context(system),
      ),
    );
    if (defaulted) {
      await ledger.run(new DeclareDefaultCommand({ loanId, asOf: '2026-06-01' }, context(bankOfficer(bankId))));
    }
    return { bankId, loanId, fundId };
  }

  it('files a claim for the loss net of recoveries, with the cover the fund enrolled the loan under', async () => {
    const { bankId, loanId, fundId } = await enrolledLoan();
    const officer = context(bankOfficer(bankId));
    await ledger.run(
      new RecordRecoveryCommand(
        { loanId, amount: '200000.00', costs: '20000.00', source: 'guarantor', valueDate: '2026-06-05' },
        officer,
      ),
    );

    const result = await ledger.run(new FileClaimCommand({ loanId, filedOn: '2026-06-10' }, officer));

    expect(result).toMatchObject({ streamId: claimStreamId(loanId), revision: 0 });
    const [event] = await ledger.events(claimStreamId(loanId));
    expect(event).toMatchObject({
      type: 'ClaimFiled',
      data: {
        claimId: loanId,
        loanId,
        bankId,
        fundId,
        outstandingPrincipalAtDefault: '1000000.00',
        recoveriesSoFar: '180000.00',
        principalLoss: '820000.00',
        cover: { policyVersion: 1, coverageRatioBps: 4000, perLoanCap: '3000000.00', coveredPrincipal: '1000000.00' },
        filedBy: officer.actor.sub,
      },
    });
    expectMetadata(event, officer);
  });

  it("refuses a claim on a loan not defaulted, or not covered, reading the Loan's and the fund's streams", async () => {
    const covered = await enrolledLoan({}, { defaulted: false });
    await expectRefusal(
      ledger.run(
        new FileClaimCommand({ loanId: covered.loanId, filedOn: '2026-06-10' }, context(bankOfficer(covered.bankId))),
      ),
      ClaimLoanNotDefaultedError,
      'CLAIM.LOAN_NOT_DEFAULTED',
    );

    const uncovered = await disbursedLoan(ledger);
    const officer = context(bankOfficer(uncovered.bankId));
    await ledger.run(new DeclareDefaultCommand({ loanId: uncovered.loanId, asOf: '2026-06-01' }, officer));
    await expectRefusal(
      ledger.run(new FileClaimCommand({ loanId: uncovered.loanId, filedOn: '2026-06-10' }, officer)),
      ClaimLoanNotEnrolledError,
      'CLAIM.LOAN_NOT_ENROLLED',
    );
  });

  it("never lets a bank file on another bank's loan, nor on a loan that does not exist", async () => {
    const { loanId } = await enrolledLoan();
    const stranger = context(bankOfficer(uniqueId('bank')));

    await expectRefusal(
      ledger.run(new FileClaimCommand({ loanId, filedOn: '2026-06-10' }, stranger)),
      ClaimNotFoundError,
      'CLAIM.NOT_FOUND',
    );
    await expectRefusal(
      ledger.run(new FileClaimCommand({ loanId: uniqueId('loan'), filedOn: '2026-06-10' }, stranger)),
      ClaimNotFoundError,
      'CLAIM.NOT_FOUND',
    );
  });

  it("approves on the fund's figures now (two fund managers above the threshold), then the fund pays and the claim is paid", async () => {
    const { bankId, loanId, fundId } = await enrolledLoan({ dualApprovalThreshold: '100000.00' });
    await ledger.run(new FileClaimCommand({ loanId, filedOn: '2026-06-10' }, context(bankOfficer(bankId))));
    const approve = (by = fundManager) =>
      ledger.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-15' }, context(by)));

    const first = await approve();
    expect(first.events[0].data).toMatchObject({
      approvedBy: fundManager.sub,
      approvalsRequired: 2,
      approvalsSoFar: 1,
      fullyApproved: false,
      calculation: {
        policyVersion: 1,
        principalLoss: '1000000.00',
        ratioAmount: '400000.00',
        bankAnnualCapRemaining: '5000000.00',
        fundAvailableBalance: '10000000.00',
        payout: '400000.00',
        dualApprovalThreshold: '100000.00',
      },
    });
    await expectRefusal(approve(), ClaimAlreadyApprovedByYouError, 'CLAIM.ALREADY_APPROVED_BY_YOU');
    const second = await approve(secondFundManager);
    expect(second.events[0].data).toMatchObject({ approvalsSoFar: 2, fullyApproved: true });

    await ledger.run(
      new PayCompensationCommand(
        { fundId, claimId: loanId, loanId, bankId, amount: '400000.00', valueDate: '2026-06-20' },
        context(system),
      ),
    );
    await ledger.run(
      new MarkClaimPaidCommand({ claimId: loanId, amount: '400000.00', paidOn: '2026-06-20' }, context(system)),
    );

    expect((await ledger.events(claimStreamId(loanId))).map((e) => e.type)).toEqual([
      'ClaimFiled',
      'ClaimApproved',
      'ClaimApproved',
      'ClaimPaid',
    ]);
    const fundEvents = await ledger.events(riskFundStreamId(fundId));
    expect(fundEvents[fundEvents.length - 1]).toMatchObject({
      type: 'CompensationPaid',
      data: { claimId: loanId, amount: '400000.00' },
    });
  });

  it('refuses to approve a claim that was never filed', async () => {
    await expectRefusal(
      ledger.run(
        new ApproveClaimCommand({ claimId: uniqueId('loan'), approvedOn: '2026-06-15' }, context(fundManager)),
      ),
      ClaimNotFoundError,
      'CLAIM.NOT_FOUND',
    );
  });

  it('two fund managers deciding at once: one decision lands, the other gets ConcurrencyError (no retry)', async () => {
    const { bankId, loanId } = await enrolledLoan();
    await ledger.run(new FileClaimCommand({ loanId, filedOn: '2026-06-10' }, context(bankOfficer(bankId))));

    // Three reads of the claim: the approval's (its parties, then its decision) and the rejection's.
    ledger.store.holdAppendsUntilReads(claimStreamId(loanId), 3);
    const outcomes = await Promise.allSettled([
      ledger.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-15' }, context(fundManager))),
      ledger.run(
        new RejectClaimCommand(
          { claimId: loanId, reason: 'Recovery not pursued', rejectedOn: '2026-06-15' },
          context(secondFundManager),
        ),
      ),
    ]).finally(() => ledger.store.clearGate());

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect(await ledger.events(claimStreamId(loanId))).toHaveLength(2);
  });

  it('refuses a stale If-Match revision with ConcurrencyError', async () => {
    const { bankId, loanId } = await enrolledLoan();
    await ledger.run(new FileClaimCommand({ loanId, filedOn: '2026-06-10' }, context(bankOfficer(bankId))));

    await expect(
      ledger.run(
        new RejectClaimCommand(
          { claimId: loanId, reason: 'Late filing', rejectedOn: '2026-06-15' },
          context(fundManager, { expectedRevision: 4 }),
        ),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });
});
