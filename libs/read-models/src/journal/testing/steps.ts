import fc from 'fast-check';
import type { Step } from './ledger-model';

/** A random step of the lifecycle; loans are picked among the first few so that lifecycles go deep. */
export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('contribute' as const),
      amountFen: fc.integer({ min: 1, max: 500_000_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('originate' as const),
      bank: fc.nat(),
      enterprise: fc.nat(),
      principalFen: fc.integer({ min: 100_000, max: 2_000_000_000 }),
      termMonths: fc.integer({ min: 1, max: 24 }),
      bullet: fc.boolean(),
      rateBps: fc.integer({ min: 100, max: 2400 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('enrol' as const), loan: fc.nat({ max: 3 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      loan: fc.nat({ max: 3 }),
      part: fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 1000 }) },
        { weight: 1, arbitrary: fc.constant(1000) },
      ),
      days: fc.integer({ min: 0, max: 60 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('default' as const), loan: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claim' as const), loan: fc.nat({ max: 3 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('recover' as const),
      loan: fc.nat({ max: 3 }),
      part: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(1000)),
      costsPart: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 }), fc.constant(1000)),
      source: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      days: fc.integer({ min: 0, max: 60 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('writeOff' as const), loan: fc.nat({ max: 3 }) }) },
);
