import { sqlPosition, type RecordedEvent } from '@pledge-ledger/event-store';
import {
  journalEntryFor,
  postCapitalContribution,
  postCompensation,
  postDisbursement,
  postingFor,
  postRecovery,
  postRecoveryShare,
  postRepayment,
  postWriteOff,
  unbalancedOwners,
  UnbalancedEntryError,
  UnknownLoanError,
  type JournalLine,
} from './posting-rules';

/** Lines as [account, debit, credit] in fen, for exact comparisons. */
function lines(result: { lines: readonly JournalLine[] } | null): Array<[string, bigint, bigint]> {
  return (result?.lines ?? []).map((line) => [line.account, line.debit, line.credit]);
}

const LOAN = { loanId: 'L1', bankId: 'B1' };

describe('posting rules', () => {
  it('capital contribution: fund cash against fund capital', () => {
    const posting = postCapitalContribution({
      fundId: 'F1',
      contributor: 'Provincial finance department',
      amount: '10000000.00',
      valueDate: '2026-01-02',
    });
    expect(posting.valueDate).toBe('2026-01-02');
    expect(lines(posting)).toEqual([
      ['fund:F1:cash', 1_000_000_000n, 0n],
      ['fund:F1:capital', 0n, 1_000_000_000n],
    ]);
  });

  it('disbursement: the bank swaps cash for a receivable, the enterprise gets cash and a payable', () => {
    const posting = postDisbursement({
      ...LOAN,
      enterpriseId: 'E1',
      valueDate: '2026-01-15',
      amount: '2000000.00',
      annualRateBps: 1200,
      termMonths: 12,
      repaymentMethod: 'bullet',
      maturityDate: '2027-01-15',
      schedule: [],
    });
    expect(lines(posting)).toEqual([
      ['bank:B1:loans-receivable', 200_000_000n, 0n],
      ['bank:B1:cash', 0n, 200_000_000n],
      ['enterprise:E1:cash', 200_000_000n, 0n],
      ['enterprise:E1:loans-payable', 0n, 200_000_000n],
    ]);
  });

  it('repayment: principal settles the receivable and the payable, interest is the bank income and the enterprise expense', () => {
    const posting = postRepayment(
      {
        ...LOAN,
        valueDate: '2026-02-15',
        amount: '35000.00',
        interest: '20000.00',
        principal: '15000.00',
        outstandingPrincipalAfter: '1985000.00',
        interestDueAfter: '0.00',
      },
      'E1',
    );
    expect(lines(posting)).toEqual([
      ['bank:B1:cash', 3_500_000n, 0n],
      ['bank:B1:loans-receivable', 0n, 1_500_000n],
      ['bank:B1:interest-income', 0n, 2_000_000n],
      ['enterprise:E1:loans-payable', 1_500_000n, 0n],
      ['enterprise:E1:interest-expense', 2_000_000n, 0n],
      ['enterprise:E1:cash', 0n, 3_500_000n],
    ]);
  });

  it('an interest-only repayment leaves out the zero principal lines', () => {
    const posting = postRepayment(
      {
        ...LOAN,
        valueDate: '2026-02-15',
        amount: '123.45',
        interest: '123.45',
        principal: '0.00',
        outstandingPrincipalAfter: '2000000.00',
        interestDueAfter: '19876.55',
      },
      'E1',
    );
    expect(lines(posting)).toEqual([
      ['bank:B1:cash', 12_345n, 0n],
      ['bank:B1:interest-income', 0n, 12_345n],
      ['enterprise:E1:interest-expense', 12_345n, 0n],
      ['enterprise:E1:cash', 0n, 12_345n],
    ]);
  });

  it('compensation: the fund expenses what it pays, the bank takes it in as income', () => {
    const posting = postCompensation({
      fundId: 'F1',
      claimId: 'L1',
      ...LOAN,
      amount: '750000.00',
      year: 2026,
      valueDate: '2026-06-25',
      policyVersion: 1,
      perBankAnnualCap: '5000000.00',
      bankPaidInYearBefore: '0.00',
      availableBalanceBefore: '10000000.00',
    });
    expect(lines(posting)).toEqual([
      ['fund:F1:compensation-expense', 75_000_000n, 0n],
      ['fund:F1:cash', 0n, 75_000_000n],
      ['bank:B1:cash', 75_000_000n, 0n],
      ['bank:B1:compensation-income', 0n, 75_000_000n],
    ]);
  });

  const recovery = {
    ...LOAN,
    valueDate: '2026-09-01',
    amount: '500000.00',
    costs: '20000.00',
    netAmount: '480000.00',
    source: 'pledge-enforcement' as const,
    assetId: 'P1',
    totalRecovered: '500000.00',
    outstandingPrincipalAtDefault: '1985000.00',
  };

  it('recovery by a pledge sold: gross off the receivable and the payable, net to bank cash, costs expensed', () => {
    expect(lines(postRecovery(recovery, 'E1'))).toEqual([
      ['bank:B1:cash', 48_000_000n, 0n],
      ['bank:B1:recovery-costs', 2_000_000n, 0n],
      ['bank:B1:loans-receivable', 0n, 50_000_000n],
      ['enterprise:E1:loans-payable', 50_000_000n, 0n],
      ['enterprise:E1:settled-by-recovery', 0n, 50_000_000n],
    ]);
  });

  it('recovery paid by the borrower itself comes out of its cash; no costs, no costs line', () => {
    const posting = postRecovery(
      { ...recovery, source: 'borrower', assetId: null, amount: '1000.00', costs: '0.00', netAmount: '1000.00' },
      'E1',
    );
    expect(lines(posting)).toEqual([
      ['bank:B1:cash', 100_000n, 0n],
      ['bank:B1:loans-receivable', 0n, 100_000n],
      ['enterprise:E1:loans-payable', 100_000n, 0n],
      ['enterprise:E1:cash', 0n, 100_000n],
    ]);
  });

  it('recovery share: the bank pays the fund back, fund income and bank expense', () => {
    const posting = postRecoveryShare({
      fundId: 'F1',
      claimId: 'L1',
      ...LOAN,
      recoveryId: 'evt-9',
      amount: '181360.20',
      valueDate: '2026-09-01',
    });
    expect(lines(posting)).toEqual([
      ['fund:F1:cash', 18_136_020n, 0n],
      ['fund:F1:recovery-share-income', 0n, 18_136_020n],
      ['bank:B1:recovery-share-expense', 18_136_020n, 0n],
      ['bank:B1:cash', 0n, 18_136_020n],
    ]);
  });

  it('write-off: the bank books the loss; the enterprise still owes the debt, so its books do not move', () => {
    const posting = postWriteOff({
      ...LOAN,
      valueDate: '2026-12-31',
      amount: '1485000.00',
      outstandingPrincipalAtDefault: '1985000.00',
      totalRecovered: '500000.00',
    });
    expect(lines(posting)).toEqual([
      ['bank:B1:loan-losses', 148_500_000n, 0n],
      ['bank:B1:loans-receivable', 0n, 148_500_000n],
    ]);
  });

  it('a write-off of nothing (all recovered) and events that move no money post nothing', () => {
    const none = () => undefined;
    expect(
      postingFor(
        'LoanWrittenOff',
        {
          ...LOAN,
          valueDate: '2026-12-31',
          amount: '0.00',
          outstandingPrincipalAtDefault: '10.00',
          totalRecovered: '10.00',
        },
        none,
      ),
    ).toBeNull();
    for (const type of [
      'LoanOriginated',
      'LoanDefaulted',
      'LoanRepaid',
      'ClaimPaid',
      'RecoveryShared',
      'LoanEnrolled',
    ]) {
      expect(postingFor(type, { ...LOAN, amount: '1.00' }, none)).toBeNull();
    }
  });

  it('links the entry to its event, and refuses a repayment of a loan it never saw originated', () => {
    const event: RecordedEvent = {
      type: 'FundCapitalContributed',
      data: { fundId: 'F1', contributor: 'X', amount: '1.00', valueDate: '2026-01-02' },
      metadata: {
        eventId: 'evt-1',
        actor: { sub: 'fm', role: 'fund-manager' },
        correlationId: 'c',
        causationId: null,
        recordedAt: '2026-01-02T08:00:00.000Z',
        schemaVersion: 1,
      },
      streamId: 'fund-F1',
      revision: 1,
      position: sqlPosition(7),
      hash: 'not read here',
    };
    expect(journalEntryFor(event, () => undefined)).toMatchObject({
      eventId: 'evt-1',
      eventType: 'FundCapitalContributed',
      streamId: 'fund-F1',
      revision: 1,
      position: sqlPosition(7),
      valueDate: '2026-01-02',
      recordedAt: '2026-01-02T08:00:00.000Z',
    });
    expect(() =>
      journalEntryFor(
        { ...event, type: 'RepaymentReceived', data: { ...LOAN, amount: '1.00', principal: '1.00', interest: '0.00' } },
        () => undefined,
      ),
    ).toThrow(UnknownLoanError);
  });

  it('names the parties whose lines do not balance', () => {
    expect(
      unbalancedOwners([
        { account: 'bank:B1:cash', debit: 5n, credit: 0n },
        { account: 'enterprise:E1:cash', debit: 0n, credit: 5n },
      ]),
    ).toEqual(['bank:B1', 'enterprise:E1']);
    expect(new UnbalancedEntryError('x').code).toBe('LEDGER.UNBALANCED_ENTRY');
  });
});
