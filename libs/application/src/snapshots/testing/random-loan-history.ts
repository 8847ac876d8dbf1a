/**
 * Random loan histories for the snapshot specs (test support only): moves played through the Loan
 * decider itself, a move it refuses skipped, so every history is one `decide` could have written.
 */
import fc from 'fast-check';
import {
  addDays,
  DomainError,
  formatMoney,
  loanDecider,
  loanPositionAsOf,
  RECOVERY_SOURCES,
  type Actor,
  type LoanCommand,
  type LoanEvent,
  type LoanState,
} from '@pledge-ledger/domain';

const LOAN_ID = 'loan-1';
const bank: Actor = { sub: 'officer-1', role: 'bank', bankId: 'bank-1' };
const system: Actor = { sub: 'process-manager', role: 'system' };
const START = '2025-01-10';

export type Move =
  | { readonly kind: 'secure' | 'refuse' | 'disburse' }
  /** A repayment of everything owed that day: the way to `repaid`. */
  | { readonly kind: 'settle'; readonly days: number }
  | { readonly kind: 'repay'; readonly days: number; readonly fen: number }
  | { readonly kind: 'assess' | 'default' | 'writeOff'; readonly days: number }
  | { readonly kind: 'cover'; readonly ratioBps: number; readonly thresholdDays: number }
  | {
      readonly kind: 'recover';
      readonly days: number;
      readonly fen: number;
      readonly costsFen: number;
      readonly source: number;
    };

export interface LoanTermsArb {
  readonly principalFen: number;
  readonly termMonths: number;
  readonly bullet: boolean;
  readonly rateBps: number;
}

export const loanTerms: fc.Arbitrary<LoanTermsArb> = fc.record({
  principalFen: fc.integer({ min: 100_000, max: 2_000_000_000 }),
  termMonths: fc.integer({ min: 1, max: 36 }),
  bullet: fc.boolean(),
  rateBps: fc.integer({ min: 0, max: 2400 }),
});

export const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom({ kind: 'secure' as const }, { kind: 'disburse' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refuse' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      days: fc.integer({ min: 0, max: 45 }),
      fen: fc.integer({ min: 1, max: 300_000_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('assess' as const, 'default' as const, 'writeOff' as const, 'settle' as const),
      days: fc.integer({ min: 0, max: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cover' as const),
      ratioBps: fc.integer({ min: 1, max: 10_000 }),
      thresholdDays: fc.integer({ min: 30, max: 180 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('recover' as const),
      days: fc.integer({ min: 0, max: 30 }),
      fen: fc.integer({ min: 1, max: 500_000_000 }),
      costsFen: fc.integer({ min: 0, max: 1_000_000 }),
      source: fc.integer({ min: 0, max: RECOVERY_SOURCES.length - 1 }),
    }),
  },
);

function command(type: LoanCommand['type'], data: unknown, actor: Actor, day: string): LoanCommand {
  return { type, data, metadata: { actor, now: `${day}T10:00:00.000Z` } } as LoanCommand;
}

/** The command a move stands for on business day `day` (moves that wait advance it first). */
export function commandOf(m: Move, day: string, state: LoanState): LoanCommand {
  switch (m.kind) {
    case 'settle': {
      const position = loanPositionAsOf(state, day);
      const owed = position ? position.outstandingPrincipal + position.interestDue : 1n;
      return command('ReceiveRepayment', { loanId: LOAN_ID, amount: formatMoney(owed), valueDate: day }, bank, day);
    }
    case 'secure':
      return command(
        'SecurePledges',
        { loanId: LOAN_ID, pledges: [{ assetId: 'asset-1', registrationNumber: 'ZX-1', registeredOn: day }] },
        system,
        day,
      );
    case 'refuse':
      return command(
        'RefusePledges',
        { loanId: LOAN_ID, refusals: [{ assetId: 'asset-1', reasons: ['ASSET.ENCUMBERED'] }] },
        system,
        day,
      );
    case 'disburse':
      return command('DisburseLoan', { loanId: LOAN_ID, valueDate: day }, bank, day);
    case 'repay':
      return command(
        'ReceiveRepayment',
        { loanId: LOAN_ID, amount: formatMoney(BigInt(m.fen)), valueDate: day },
        bank,
        day,
      );
    case 'assess':
      return command('AssessDelinquency', { loanId: LOAN_ID, asOf: day }, bank, day);
    case 'default':
      return command('DeclareDefault', { loanId: LOAN_ID, asOf: day }, bank, day);
    case 'writeOff':
      return command('WriteOffLoan', { loanId: LOAN_ID, valueDate: day }, bank, day);
    case 'cover':
      return command(
        'RecordFundCoverage',
        {
          loanId: LOAN_ID,
          fundId: 'fund-1',
          coverageRatioBps: m.ratioBps,
          coveredPrincipal: '1000.00',
          policyVersion: 1,
          defaultThresholdDays: m.thresholdDays,
        },
        system,
        day,
      );
    case 'recover':
      return command(
        'RecordRecovery',
        {
          loanId: LOAN_ID,
          amount: formatMoney(BigInt(m.fen)),
          costs: formatMoney(BigInt(m.costsFen)),
          source: RECOVERY_SOURCES[m.source],
          valueDate: day,
          assetId: RECOVERY_SOURCES[m.source] === 'pledge-enforcement' ? 'asset-1' : null,
        },
        bank,
        day,
      );
  }
}

/** What deciding `cmd` on `state` gives: the events, or the refusal's code. */
export function outcome(cmd: LoanCommand, state: LoanState): { events: LoanEvent[] } | { refused: string } {
  try {
    return { events: loanDecider.decide(cmd, state) };
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code };
    throw error;
  }
}

export interface PlayedHistory {
  readonly events: LoanEvent[];
  /** The business day after the last move, for a command decided on the end state. */
  readonly day: string;
}

/** OriginateLoan of loan-1 on these terms, on the first business day. */
export function originationOf(terms: LoanTermsArb): LoanCommand {
  return command(
    'OriginateLoan',
    {
      loanId: LOAN_ID,
      bankId: 'bank-1',
      enterpriseId: 'ent-1',
      enterpriseRegistered: true,
      principal: formatMoney(BigInt(terms.principalFen)),
      annualRateBps: terms.rateBps,
      termMonths: terms.termMonths,
      repaymentMethod: terms.bullet ? 'bullet' : 'equal-instalments',
      originationDate: START,
      pledges: [{ assetId: 'asset-1', registrationNumber: 'ZX-1', consentingOwnerIds: [] }],
    },
    bank,
    START,
  );
}

/** Originates the loan, then plays the moves; moves the decider refuses leave no event. */
export function play(terms: LoanTermsArb, moves: readonly Move[]): PlayedHistory {
  let state = loanDecider.initialState;
  const events: LoanEvent[] = [];
  const apply = (decided: LoanEvent[]): void => {
    for (const event of decided) {
      state = loanDecider.evolve(state, event);
      events.push(event);
    }
  };
  apply(loanDecider.decide(originationOf(terms), state));
  let day = START;
  for (const m of moves) {
    if ('days' in m) day = addDays(day, m.days);
    const result = outcome(commandOf(m, day, state), state);
    if ('events' in result) apply(result.events);
  }
  return { events, day };
}
