import type { LoanPosition } from './arithmetic';
import type { LoanEvent } from './loan.events';
import { disbursedLoanPositionAsOf, loanPositionAsOf } from './loan.position';
import type { LoanState } from './loan.state';
import { evolveLoan, initialLoanState } from './loan.state';
import { BANK_ID, defaulted, history, LOAN_ID, recoveryRecorded } from './testing/loan.fixtures';

// The standard bullet loan: 1,000,000.00 at 12% for 6 months, disbursed 2025-01-15, 10,000.00 of
// interest due on the 15th of each month from 2025-02-15, the principal on 2025-07-15. Nothing is
// repaid; it defaults on 2025-05-17, 91 days after the 2025-02-15 instalment, with 1,000,000.00
// outstanding and 40,000.00 of interest due (February to May).

const fold = (events: readonly LoanEvent[]): LoanState => events.reduce(evolveLoan, initialLoanState);

/** A decoded copy too (a read model's row): the same figures. */
const positionOf = (state: LoanState, asOf: string): LoanPosition | null => {
  const position = loanPositionAsOf(state, asOf);
  expect(loanPositionAsOf(structuredClone(state), asOf)).toEqual(position);
  return position;
};

const firstInstalment = { number: 1, dueDate: '2025-02-15', principal: 0n, interest: 1_000_000n };

/** A recovery of `amount` (gross) with `costs` of recovering it. */
const recovery = (amount: string, total: string, valueDate: string, costs = '0.00'): LoanEvent => {
  const event = recoveryRecorded(amount, total, valueDate);
  return { ...event, data: { ...event.data, costs } };
};

const writtenOff = (valueDate: string, amount: string, totalRecovered: string): LoanEvent => ({
  type: 'LoanWrittenOff',
  data: {
    loanId: LOAN_ID,
    bankId: BANK_ID,
    valueDate,
    amount,
    outstandingPrincipalAtDefault: '1000000.00',
    totalRecovered,
  },
});

describe('the position of a defaulted loan', () => {
  const withRecoveries = fold([
    ...history.defaulted,
    recovery('300000.00', '300000.00', '2025-08-01', '30000.00'),
    recovery('200000.00', '500000.00', '2025-08-20'),
  ]);

  it('is the servicing position before the default date', () => {
    expect(positionOf(withRecoveries, '2025-05-16')).toEqual({
      outstandingPrincipal: 100_000_000n,
      principalDue: 0n,
      interestDue: 4_000_000n,
      daysPastDue: 90,
      bucket: '61-90',
      nextInstalment: firstInstalment,
    });
  });

  it('on the default date: the outstanding principal and interest due recorded at default', () => {
    expect(positionOf(fold(history.defaulted), '2025-05-17')).toEqual({
      outstandingPrincipal: 100_000_000n,
      principalDue: 0n,
      interestDue: 4_000_000n,
      daysPastDue: 91,
      bucket: '90+',
      nextInstalment: firstInstalment,
    });
  });

  it('stops accruing interest at default; principal still falls due; days past due keep counting', () => {
    // The 2025-06-15 and 2025-07-15 interest (20,000.00) is not accrued; the principal fell due on 2025-07-15.
    expect(positionOf(withRecoveries, '2025-07-31')).toEqual({
      outstandingPrincipal: 100_000_000n,
      principalDue: 100_000_000n,
      interestDue: 4_000_000n,
      daysPastDue: 166,
      bucket: '90+',
      nextInstalment: firstInstalment,
    });
  });

  it('takes each recovery (gross, before its costs) off the outstanding and overdue principal from its value date', () => {
    expect(positionOf(withRecoveries, '2025-08-01')).toEqual({
      outstandingPrincipal: 70_000_000n,
      principalDue: 70_000_000n,
      interestDue: 4_000_000n,
      daysPastDue: 167,
      bucket: '90+',
      nextInstalment: firstInstalment,
    });
    expect(positionOf(withRecoveries, '2025-08-20')).toMatchObject({
      outstandingPrincipal: 50_000_000n,
      principalDue: 50_000_000n,
      interestDue: 4_000_000n,
      daysPastDue: 186,
    });
  });

  it('takes a recovery before the principal falls due off the outstanding principal only', () => {
    const early = fold([...history.defaulted, recovery('250000.00', '250000.00', '2025-06-01')]);
    expect(positionOf(early, '2025-06-01')).toMatchObject({
      outstandingPrincipal: 75_000_000n,
      principalDue: 0n,
      interestDue: 4_000_000n,
      daysPastDue: 106,
      bucket: '90+',
    });
  });

  it('is the same through disbursedLoanPositionAsOf', () => {
    if (!('disbursement' in withRecoveries)) throw new Error('not disbursed');
    expect(disbursedLoanPositionAsOf(withRecoveries, '2025-08-20')).toEqual(
      loanPositionAsOf(withRecoveries, '2025-08-20'),
    );
  });
});

describe('the position of a written-off loan', () => {
  // 300,000.00 recovered on 2025-08-01, the remaining 700,000.00 written off on 2025-09-01.
  const state = fold([
    ...history.defaulted,
    recovery('300000.00', '300000.00', '2025-08-01'),
    writtenOff('2025-09-01', '700000.00', '300000.00'),
  ]);

  it('is the defaulted position until the day before the write-off', () => {
    expect(positionOf(state, '2025-08-31')).toEqual({
      outstandingPrincipal: 70_000_000n,
      principalDue: 70_000_000n,
      interestDue: 4_000_000n,
      daysPastDue: 197,
      bucket: '90+',
      nextInstalment: firstInstalment,
    });
  });

  it('owes nothing from the write-off date on: 0 days past due, bucket current, no next instalment', () => {
    const nothingOwed: LoanPosition = {
      outstandingPrincipal: 0n,
      principalDue: 0n,
      interestDue: 0n,
      daysPastDue: 0,
      bucket: 'current',
      nextInstalment: null,
    };
    expect(positionOf(state, '2025-09-01')).toEqual(nothingOwed);
    expect(positionOf(state, '2026-12-31')).toEqual(nothingOwed);
    expect(positionOf(fold(history.writtenOff), '2025-09-01')).toEqual(nothingOwed);
  });

  it('is the servicing position before the default, as for any loan', () => {
    expect(positionOf(state, '2025-03-01')).toEqual({
      outstandingPrincipal: 100_000_000n,
      principalDue: 0n,
      interestDue: 1_000_000n,
      daysPastDue: 14,
      bucket: '1-30',
      nextInstalment: firstInstalment,
    });
  });
});

it('keeps the fixture honest: defaulted with 1,000,000.00 outstanding as of 2025-05-17', () => {
  expect(defaulted.data).toMatchObject({
    asOf: '2025-05-17',
    outstandingPrincipal: '1000000.00',
    interestDue: '40000.00',
  });
});
