import type { Repayment } from './arithmetic';
import { positionAsOf } from './arithmetic';
import type { LoanEvent } from './loan.events';
import { disbursedLoanPositionAsOf, loanPositionAsOf } from './loan.position';
import type { DisbursedLoanState, LoanState } from './loan.state';
import { evolveLoan, initialLoanState, repaymentLogOf } from './loan.state';
import { history, repaymentReceived } from './testing/loan.fixtures';

/** A deep copy made of plain data, as a state decoded from a read model's JSON row is (the getter read, no log behind it). */
const plainCopy = <T>(state: T): T => structuredClone(state);

const fold = (events: readonly LoanEvent[], state: LoanState = initialLoanState): LoanState =>
  events.reduce(evolveLoan, state);

const asDisbursed = (state: LoanState): DisbursedLoanState => {
  if (!('disbursement' in state)) throw new Error(`not disbursed: ${state.status}`);
  return state;
};

/** Monthly interest of 10,000.00 on the standard bullet loan, plus `principal`. */
const monthly = (month: number, principal = '0.00'): LoanEvent =>
  repaymentReceived(`2025-${String(month).padStart(2, '0')}-15`, '0', '10000.00', principal, '0');

describe('evolveLoan and the repayments it keeps', () => {
  it('leaves an earlier state exactly as it was when later repayments are folded', () => {
    const intermediate = asDisbursed(fold([...history.active, monthly(2), monthly(3, '5000.00')]));
    const seen = {
      repayments: intermediate.servicing.repayments.map((r) => ({ ...r })),
      principalRepaid: intermediate.servicing.principalRepaid,
      interestRepaid: intermediate.servicing.interestRepaid,
    };
    const text = JSON.stringify(intermediate, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

    const later = asDisbursed(fold([monthly(4), monthly(5, '1000.00'), monthly(6)], intermediate));
    // Folding again from the same intermediate state (a branch) must not disturb either.
    const branch = asDisbursed(evolveLoan(intermediate, monthly(4, '7000.00')));

    expect(intermediate.servicing.repayments).toEqual(seen.repayments);
    expect(intermediate.servicing.repayments).toHaveLength(2);
    expect(intermediate.servicing.principalRepaid).toBe(seen.principalRepaid);
    expect(intermediate.servicing.interestRepaid).toBe(seen.interestRepaid);
    expect(JSON.stringify(intermediate, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(text);
    expect(repaymentLogOf(intermediate.servicing).length).toBe(2);

    expect(later.servicing.repayments.map((r) => r.valueDate)).toEqual([
      '2025-02-15',
      '2025-03-15',
      '2025-04-15',
      '2025-05-15',
      '2025-06-15',
    ]);
    expect(later.servicing.principalRepaid).toBe(600_000n);
    expect(branch.servicing.repayments.map((r) => r.principal)).toEqual([0n, 500_000n, 700_000n]);
    expect(branch.servicing.principalRepaid).toBe(1_200_000n);
  });

  it('folds to the same plain state as before: repayments an ordinary array, in JSON too', () => {
    const state = asDisbursed(fold([...history.active, monthly(2), monthly(3, '5000.00')]));
    expect(state.servicing).toEqual({
      repayments: [
        { valueDate: '2025-02-15', principal: 0n, interest: 1_000_000n },
        { valueDate: '2025-03-15', principal: 500_000n, interest: 1_000_000n },
      ],
      principalRepaid: 500_000n,
      interestRepaid: 2_000_000n,
      lastAssessment: null,
    });
    expect(Array.isArray(state.servicing.repayments)).toBe(true);
    expect(state.servicing.repayments).toBe(state.servicing.repayments);
    const json = JSON.parse(JSON.stringify(state.servicing, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)));
    expect(Object.keys(json)).toEqual(['repayments', 'principalRepaid', 'interestRepaid', 'lastAssessment']);
    expect(json.repayments).toHaveLength(2);
  });

  it('keeps folding a state made of plain data (decoded from a read model row)', () => {
    const direct = fold([...history.active, monthly(2), monthly(3), monthly(4, '1000.00')]);
    const decoded = plainCopy(fold([...history.active, monthly(2)]));
    const resumed = fold([monthly(3), monthly(4, '1000.00')], decoded);
    expect(resumed).toEqual(direct);
    expect(plainCopy(resumed)).toEqual(plainCopy(direct));
  });
});

describe('the position from the running totals', () => {
  // Repayments on the standard bullet loan, including out-of-order and payoff cases.
  const scenarios: Record<string, readonly LoanEvent[]> = {
    none: [],
    monthly: [monthly(2), monthly(3, '2000.00'), monthly(4), monthly(6, '3000.00')],
    'same day twice': [monthly(2), repaymentReceived('2025-02-15', '0', '0.00', '1000.00', '0')],
    'out of order (a corrupted stream)': [monthly(4), monthly(2, '1000.00'), monthly(3)],
    'principal repaid in full, interest still due': [
      repaymentReceived('2025-03-01', '0', '10000.00', '1000000.00', '0'),
      repaymentReceived('2025-05-20', '0', '5000.00', '0.00', '0'),
    ],
  };
  const dates = [
    '2025-01-15',
    '2025-02-14',
    '2025-02-15',
    '2025-03-01',
    '2025-03-20',
    '2025-04-15',
    '2025-05-20',
    '2025-12-31',
    '2031-01-01',
  ];

  for (const [name, repayments] of Object.entries(scenarios)) {
    it(`equals positionAsOf over the repayments array on every date: ${name}`, () => {
      const state = asDisbursed(fold([...history.active, ...repayments]));
      const array: readonly Repayment[] = [...state.servicing.repayments];
      for (const asOf of dates) {
        const expected = positionAsOf(state.disbursement.schedule, array, asOf);
        expect([asOf, disbursedLoanPositionAsOf(state, asOf)]).toEqual([asOf, expected]);
        expect([asOf, loanPositionAsOf(plainCopy(state), asOf)]).toEqual([asOf, expected]);
      }
    });
  }

  it('rejects an invalid as-of date as positionAsOf does', () => {
    const state = asDisbursed(fold([...history.active, monthly(2)]));
    expect(() => disbursedLoanPositionAsOf(state, '2025-13-01')).toThrow();
    expect(() => positionAsOf(state.disbursement.schedule, state.servicing.repayments, '2025-13-01')).toThrow();
  });

  it('is null before disbursement', () => {
    expect(loanPositionAsOf(fold(history.pledgesSecured), '2025-02-15')).toBeNull();
  });
});
