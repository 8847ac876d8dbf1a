import fc from 'fast-check';
import { loanDecider, type LoanEvent, type LoanState } from '@pledge-ledger/domain';
import { loanSnapshotCodec } from './loan.snapshot-codec';
import { SnapshotDecodeError } from './snapshot-codec';
import { commandOf, loanTerms, move, outcome, play, type Move } from './testing/random-loan-history';

const fold = (state: LoanState, events: readonly LoanEvent[]): LoanState =>
  events.reduce((s, e) => loanDecider.evolve(s, e), state);

/** Through the text a snapshot row holds. */
const restore = (state: LoanState): LoanState =>
  loanSnapshotCodec.decode(JSON.parse(JSON.stringify(loanSnapshotCodec.encode(state))));

/** JSON with bigints marked: equal texts mean equal states, down to key order and bigint vs string. */
const exactly = (state: unknown): string =>
  JSON.stringify(state, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));

/** Openings that get a loan disbursed (or refused) more often than random moves alone do. */
const opening = fc.constantFrom<Move[]>(
  [],
  [{ kind: 'refuse' }],
  [{ kind: 'secure' }, { kind: 'disburse' }],
  [{ kind: 'secure' }, { kind: 'disburse' }, { kind: 'default', days: 200 }],
);

describe('loan snapshot codec', () => {
  it('restored at any revision and folded on, gives the full fold, and the next decision is the same', () => {
    fc.assert(
      fc.property(
        loanTerms,
        opening,
        fc.array(move, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        move,
        (terms, start, moves, cuts, next) => {
          const { events, day } = play(terms, [...start, ...moves]);
          const full = fold(loanDecider.initialState, events);
          const nextCommand = commandOf(next, day, full);
          for (const cut of cuts) {
            const revision = cut % events.length;
            const resumed = fold(
              restore(fold(loanDecider.initialState, events.slice(0, revision + 1))),
              events.slice(revision + 1),
            );
            expect(resumed).toEqual(full);
            expect(exactly(resumed)).toBe(exactly(full));
            expect(outcome(nextCommand, resumed)).toEqual(outcome(nextCommand, full));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('restores every status the histories reach, the initial one included', () => {
    const seen = new Set<string>([restore(loanDecider.initialState).status]);
    fc.assert(
      fc.property(loanTerms, opening, fc.array(move, { maxLength: 60 }), (terms, start, moves) => {
        const state = fold(loanDecider.initialState, play(terms, [...start, ...moves]).events);
        expect(exactly(restore(state))).toBe(exactly(state));
        seen.add(state.status);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(
      [
        'active',
        'defaulted',
        'none',
        'originated',
        'pledges-refused',
        'pledges-secured',
        'repaid',
        'written-off',
      ].sort(),
    );
  });

  it('refuses JSON it did not write, naming what is wrong', () => {
    const { events } = play({ principalFen: 10_000_000, termMonths: 3, bullet: false, rateBps: 1200 }, [
      { kind: 'secure' },
      { kind: 'disburse' },
      { kind: 'repay', days: 31, fen: 100_000 },
    ]);
    const text = JSON.stringify(loanSnapshotCodec.encode(fold(loanDecider.initialState, events)));
    /** The parts of the snapshot's JSON the cases below make wrong. */
    interface Loose {
      status: unknown;
      terms: Record<string, unknown>;
      servicing: Record<string, unknown>;
      disbursement?: unknown;
    }
    const damaged = (change: (copy: Loose) => void): unknown => {
      const copy = JSON.parse(text) as Loose;
      change(copy);
      return copy;
    };
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.status = 'frozen')))).toThrow(/status: expected one of/);
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.terms.principal = '12.50')))).toThrow(
      new SnapshotDecodeError('terms.principal: expected fen as a digit string, got "12.50"'),
    );
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.servicing.interest = '')))).toThrow(/columns differ/);
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.servicing.principal = '1')))).toThrow(/totals/);
    expect(() => loanSnapshotCodec.decode(damaged((c) => delete c.disbursement))).toThrow(
      /disbursement: expected an object/,
    );
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.servicing.valueDates = '2025-1-30')))).toThrow(
      /servicing.valueDates: not a column this codec wrote/,
    );
    expect(() => loanSnapshotCodec.decode(damaged((c) => (c.servicing.principal = '1.5')))).toThrow(
      /servicing.principal: not a column/,
    );
    expect(() => loanSnapshotCodec.decode(null)).toThrow(SnapshotDecodeError);
  });

  // A guard on stateVersion: when this fails, LoanState's shape (or what evolve puts in it) changed.
  // Bump loanSnapshotCodec.stateVersion, so snapshots written before are ignored, then update this.
  it('writes the state of version 1 exactly so', () => {
    const { events } = play({ principalFen: 200_000, termMonths: 2, bullet: true, rateBps: 1200 }, [
      { kind: 'secure' },
      { kind: 'cover', ratioBps: 8000, thresholdDays: 60 },
      { kind: 'disburse' },
      { kind: 'repay', days: 20, fen: 500 },
      { kind: 'assess', days: 70 },
    ]);
    expect(loanSnapshotCodec.stateVersion).toBe(1);
    expect(loanSnapshotCodec.encode(fold(loanDecider.initialState, events))).toEqual({
      status: 'active',
      terms: {
        loanId: 'loan-1',
        bankId: 'bank-1',
        enterpriseId: 'ent-1',
        principal: '200000',
        annualRateBps: 1200,
        termMonths: 2,
        repaymentMethod: 'bullet',
        originationDate: '2025-01-10',
        plannedMaturityDate: '2025-03-10',
        pledgedAssetIds: ['asset-1'],
      },
      coverage: {
        fundId: 'fund-1',
        coverageRatioBps: 8000,
        coveredPrincipal: '100000',
        policyVersion: 1,
        defaultThresholdDays: 60,
      },
      pledges: [{ assetId: 'asset-1', registrationNumber: 'ZX-1', registeredOn: '2025-01-10' }],
      disbursement: {
        valueDate: '2025-01-10',
        maturityDate: '2025-03-10',
        schedule: [
          [1, '2025-02-10', '0', '2000'],
          [2, '2025-03-10', '200000', '2000'],
        ],
      },
      servicing: {
        valueDates: '2025-01-30',
        principal: '500',
        interest: '0',
        principalRepaid: '500',
        interestRepaid: '0',
        lastAssessment: {
          asOf: '2025-04-10',
          daysPastDue: 59,
          bucket: '31-60',
          principalDue: '199500',
          interestDue: '4000',
        },
      },
    });
  });
});
