import {
  BankNotFoundError,
  FundLoanNotEligibleError,
  FundNotFoundError,
  riskFundStreamId,
} from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import { GrantCertificationCommand } from '../enterprises/grant-certification/grant-certification.command';
import {
  admin,
  bankOfficer,
  context,
  disbursedLoan,
  expectMetadata,
  expectRefusal,
  fundAdmitting,
  fundManager,
  openTestLedger,
  originateLoan,
  registerBank,
  registerEnterprise,
  STORE_KINDS,
  system,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { DeclareDefaultCommand } from '../loans/declare-default/declare-default.command';
import { RecordFundCoverageCommand } from '../loans/record-fund-coverage/record-fund-coverage.command';
import { AdmitBankCommand } from './admit-bank/admit-bank.command';
import { AssessBankCommand } from './assess-bank/assess-bank.command';
import { ContributeCapitalCommand } from './contribute-capital/contribute-capital.command';
import { EnrolLoanCommand } from './enrol-loan/enrol-loan.command';
import { EstablishFundCommand } from './establish-fund/establish-fund.command';

describe.each(STORE_KINDS)('risk fund commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  it('establishes, capitalises, publishes a policy and admits a registered bank, with the request metadata', async () => {
    const bankId = await registerBank(ledger);
    const fundId = await fundAdmitting(ledger, bankId);

    const events = await ledger.events(riskFundStreamId(fundId));
    expect(events.map((e) => e.type)).toEqual([
      'FundEstablished',
      'FundCapitalContributed',
      'FundPolicyPublished',
      'BankAdmitted',
    ]);
    expect(events[3].data).toEqual({ fundId, bankId, admittedOn: '2026-01-06' });
    const ctx = context(fundManager, { expectedRevision: 3 });
    await ledger.run(
      new ContributeCapitalCommand({ fundId, contributor: 'City', amount: '500000.00', valueDate: '2026-02-01' }, ctx),
    );
    expectMetadata((await ledger.events(riskFundStreamId(fundId)))[4], ctx);
  });

  it('refuses to admit a bank that is not registered (fact from the Bank stream)', async () => {
    const fundId = await fundAdmitting(ledger, await registerBank(ledger));

    await expectRefusal(
      ledger.run(
        new AdmitBankCommand({ fundId, bankId: uniqueId('bank'), admittedOn: '2026-01-07' }, context(fundManager)),
      ),
      BankNotFoundError,
      'BANK.NOT_FOUND',
    );
  });

  it('refuses capital for a fund never established, and a stale If-Match revision', async () => {
    await expectRefusal(
      ledger.run(
        new ContributeCapitalCommand(
          { fundId: uniqueId('fund'), contributor: 'City', amount: '1.00', valueDate: '2026-01-05' },
          context(fundManager),
        ),
      ),
      FundNotFoundError,
      'FUND.NOT_FOUND',
    );

    const fundId = uniqueId('fund');
    await ledger.run(
      new EstablishFundCommand({ fundId, name: 'Fund', establishedOn: '2026-01-01' }, context(fundManager)),
    );
    await ledger.run(
      new ContributeCapitalCommand(
        { fundId, contributor: 'City', amount: '1.00', valueDate: '2026-01-05' },
        context(fundManager),
      ),
    );
    await expect(
      ledger.run(
        new ContributeCapitalCommand(
          { fundId, contributor: 'City', amount: '1.00', valueDate: '2026-01-05' },
          context(fundManager, { expectedRevision: 0 }),
        ),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await ledger.events(riskFundStreamId(fundId))).toHaveLength(2);
  });

  it("enrols a disbursed loan with the loan's terms and the borrower's size and certifications on the enrolment date", async () => {
    const { bankId, enterpriseId, loanId } = await disbursedLoan(ledger);
    await ledger.run(
      new GrantCertificationCommand(
        { enterpriseId, certification: 'high-tech', grantDate: '2025-12-01', expiryDate: null },
        context(admin),
      ),
    );
    const fundId = await fundAdmitting(ledger, bankId, { eligibleCertifications: ['high-tech'] });

    const result = await ledger.run(
      new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, context(fundManager)),
    );

    expect(result.events).toEqual([
      {
        type: 'LoanEnrolled',
        data: expect.objectContaining({
          fundId,
          loanId,
          bankId,
          enterpriseId,
          principal: '1000000.00',
          coverageRatioBps: 4000,
          maxCompensation: '400000.00',
          enterpriseSize: 'small',
          enterpriseCertifications: ['high-tech'],
          enrolledOn: '2026-01-20',
        }),
      },
    ]);
  });

  it('refuses to enrol a loan not yet disbursed, reading its standing from the Loan stream', async () => {
    const bankId = await registerBank(ledger);
    const loanId = await originateLoan(ledger, { bankId, enterpriseId: await registerEnterprise(ledger) });
    const fundId = await fundAdmitting(ledger, bankId);

    const error = await expectRefusal(
      ledger.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, context(fundManager))),
      FundLoanNotEligibleError,
      'FUND.LOAN_NOT_ELIGIBLE',
    );
    expect(error.details).toMatchObject({ reasons: ['loan-not-disbursed'] });
  });

  it('two enrolments racing on the fund stream both land: the loser decides again on the newer state (retries)', async () => {
    const first = await disbursedLoan(ledger);
    const second = await disbursedLoan(ledger);
    const fundId = await fundAdmitting(ledger, first.bankId);
    await ledger.run(
      new AdmitBankCommand({ fundId, bankId: second.bankId, admittedOn: '2026-01-06' }, context(fundManager)),
    );
    const enrol = (loanId: string) =>
      ledger.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, context(fundManager)));

    ledger.store.holdAppendsUntilReads(riskFundStreamId(fundId), 2);
    const results = await Promise.all([enrol(first.loanId), enrol(second.loanId)]).finally(() =>
      ledger.store.clearGate(),
    );

    expect(results.map((r) => r.revision).sort()).toEqual([5, 6]);
    const enrolled = (await ledger.events(riskFundStreamId(fundId))).filter((e) => e.type === 'LoanEnrolled');
    expect(enrolled.map((e) => e.data.loanId).sort()).toEqual([first.loanId, second.loanId].sort());
  });

  it("assesses a bank from its enrolled loans' own streams and suspends it above the bad-loan threshold", async () => {
    const { bankId, loanId } = await disbursedLoan(ledger);
    const fundId = await fundAdmitting(ledger, bankId);
    await ledger.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, context(fundManager)));
    const assess = () => ledger.run(new AssessBankCommand({ fundId, bankId, asOf: '2026-06-05' }, context(system)));

    expect((await assess()).events).toEqual([]);

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
    await ledger.run(new DeclareDefaultCommand({ loanId, asOf: '2026-06-01' }, context(bankOfficer(bankId))));
    const result = await assess();

    expect(result.events).toEqual([
      {
        type: 'BankSuspended',
        data: expect.objectContaining({
          bankId,
          automatic: true,
          assessment: expect.objectContaining({
            enrolledPrincipal: '1000000.00',
            defaultedPrincipal: '1000000.00',
            badLoanRatioBps: 10000,
          }),
        }),
      },
    ]);
  });
});
