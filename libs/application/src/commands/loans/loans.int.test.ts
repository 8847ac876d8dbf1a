import {
  LoanEnterpriseNotFoundError,
  loanStreamId,
  NotPastDefaultThresholdError,
  PledgesNotSecuredError,
} from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import {
  bankOfficer,
  context,
  disbursedLoan,
  expectMetadata,
  expectRefusal,
  LOAN_TERMS,
  openTestLedger,
  originateLoan,
  pledgeOf,
  registerBank,
  registerEnterprise,
  STORE_KINDS,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { AssessDelinquencyCommand } from './assess-delinquency/assess-delinquency.command';
import { DeclareDefaultCommand } from './declare-default/declare-default.command';
import { DisburseLoanCommand } from './disburse-loan/disburse-loan.command';
import { OriginateLoanCommand } from './originate-loan/originate-loan.command';
import { ReceiveRepaymentCommand } from './receive-repayment/receive-repayment.command';
import { RecordRecoveryCommand } from './record-recovery/record-recovery.command';
import { WriteOffLoanCommand } from './write-off-loan/write-off-loan.command';

describe.each(STORE_KINDS)('loan commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  it('originates a loan for a registered enterprise: LoanOriginated with the request metadata', async () => {
    const bankId = await registerBank(ledger);
    const enterpriseId = await registerEnterprise(ledger);
    const loanId = uniqueId('loan');
    const ctx = context(bankOfficer(bankId), { causationId: 'request-42' });

    const result = await ledger.run(
      new OriginateLoanCommand(
        {
          loanId,
          bankId,
          enterpriseId,
          principal: '1000000.00',
          annualRateBps: 1200,
          termMonths: 6,
          repaymentMethod: 'bullet',
          originationDate: '2026-01-10',
          pledges: [pledgeOf('asset-a')],
        },
        ctx,
      ),
    );

    expect(result).toMatchObject({ streamId: loanStreamId(loanId), revision: 0 });
    expect(result.position).not.toBeNull();
    const [event, ...rest] = await ledger.events(loanStreamId(loanId));
    expect(rest).toHaveLength(0);
    expect(event.type).toBe('LoanOriginated');
    expect(event.data).toMatchObject({
      loanId,
      bankId,
      enterpriseId,
      principal: '1000000.00',
      maturityDate: '2026-07-10',
    });
    expectMetadata(event, ctx);
  });

  it('refuses to originate a loan for an enterprise that is not registered (fact from the Enterprise stream)', async () => {
    const bankId = await registerBank(ledger);
    const loanId = uniqueId('loan');
    const originate = new OriginateLoanCommand(
      { loanId, bankId, enterpriseId: uniqueId('ent'), ...LOAN_TERMS, pledges: [pledgeOf('asset-a')] },
      context(bankOfficer(bankId)),
    );

    await expectRefusal(ledger.run(originate), LoanEnterpriseNotFoundError, 'LOAN.ENTERPRISE_NOT_FOUND');
    expect(await ledger.events(loanStreamId(loanId))).toEqual([]);
  });

  it('refuses a disbursement before the pledges are secured, writing nothing', async () => {
    const bankId = await registerBank(ledger);
    const enterpriseId = await registerEnterprise(ledger);
    const loanId = await originateLoan(ledger, { bankId, enterpriseId });

    await expectRefusal(
      ledger.run(new DisburseLoanCommand({ loanId, valueDate: '2026-01-15' }, context(bankOfficer(bankId)))),
      PledgesNotSecuredError,
      'LOAN.PLEDGES_NOT_SECURED',
    );
    expect((await ledger.events(loanStreamId(loanId))).map((e) => e.type)).toEqual(['LoanOriginated']);
  });

  it('appends with the If-Match revision when it is current, and refuses a stale one with ConcurrencyError', async () => {
    const { bankId, loanId } = await disbursedLoan(ledger); // revisions 0..2
    const officer = bankOfficer(bankId);

    const stale = ledger.run(
      new ReceiveRepaymentCommand(
        { loanId, amount: '10000.00', valueDate: '2026-02-15' },
        context(officer, { expectedRevision: 1 }),
      ),
    );
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);

    const current = await ledger.run(
      new ReceiveRepaymentCommand(
        { loanId, amount: '10000.00', valueDate: '2026-02-15' },
        context(officer, { expectedRevision: 2 }),
      ),
    );
    expect(current.revision).toBe(3);
    expect((await ledger.events(loanStreamId(loanId))).map((e) => e.type)).toEqual([
      'LoanOriginated',
      'LoanPledgesSecured',
      'LoanDisbursed',
      'RepaymentReceived',
    ]);
  });

  it('two repayments racing on one loan: one is appended, the other fails with ConcurrencyError (no retry)', async () => {
    const { bankId, loanId } = await disbursedLoan(ledger);
    const repay = () =>
      ledger.run(
        new ReceiveRepaymentCommand(
          { loanId, amount: '10000.00', valueDate: '2026-02-15' },
          context(bankOfficer(bankId)),
        ),
      );

    ledger.store.holdAppendsUntilReads(loanStreamId(loanId), 2);
    const outcomes = await Promise.allSettled([repay(), repay()]).finally(() => ledger.store.clearGate());

    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConcurrencyError);
    const repayments = (await ledger.events(loanStreamId(loanId))).filter((e) => e.type === 'RepaymentReceived');
    expect(repayments).toHaveLength(1);
  });

  it('two assessments racing on one loan: both land, the loser deciding again on the newer state (retries)', async () => {
    const { bankId, loanId } = await disbursedLoan(ledger);
    const assess = (asOf: string) =>
      ledger.run(new AssessDelinquencyCommand({ loanId, asOf }, context(bankOfficer(bankId))));

    ledger.store.holdAppendsUntilReads(loanStreamId(loanId), 2);
    const results = await Promise.all([assess('2026-03-01'), assess('2026-03-01')]).finally(() =>
      ledger.store.clearGate(),
    );

    expect(results.map((r) => r.revision).sort()).toEqual([3, 4]);
    const assessed = (await ledger.events(loanStreamId(loanId))).filter((e) => e.type === 'LoanDelinquencyAssessed');
    expect(assessed.map((e) => e.data)).toEqual([
      expect.objectContaining({ asOf: '2026-03-01', daysPastDue: 14, bucket: '1-30' }),
      expect.objectContaining({ asOf: '2026-03-01', daysPastDue: 14, bucket: '1-30' }),
    ]);
  });

  it('defaults only past 90 days, then records a recovery and writes the rest off', async () => {
    const { bankId, loanId } = await disbursedLoan(ledger);
    const officer = context(bankOfficer(bankId));

    await expectRefusal(
      ledger.run(new DeclareDefaultCommand({ loanId, asOf: '2026-05-15' }, officer)),
      NotPastDefaultThresholdError,
      'LOAN.NOT_PAST_DEFAULT_THRESHOLD',
    );
    await ledger.run(new DeclareDefaultCommand({ loanId, asOf: '2026-06-01' }, officer));
    await ledger.run(
      new RecordRecoveryCommand({ loanId, amount: '300000.00', source: 'guarantor', valueDate: '2026-06-20' }, officer),
    );
    await ledger.run(new WriteOffLoanCommand({ loanId, valueDate: '2026-06-30' }, officer));

    const events = await ledger.events(loanStreamId(loanId));
    expect(events.slice(3).map((e) => [e.type, e.data])).toEqual([
      ['LoanDefaulted', expect.objectContaining({ daysPastDue: 106, outstandingPrincipal: '1000000.00' })],
      ['RecoveryRecorded', expect.objectContaining({ amount: '300000.00', totalRecovered: '300000.00' })],
      ['LoanWrittenOff', expect.objectContaining({ amount: '700000.00' })],
    ]);
  });
});
