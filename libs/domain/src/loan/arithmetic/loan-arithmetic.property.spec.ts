import fc from 'fast-check';
import { addDays, compareDates, daysBetween } from '../../shared/business-date';
import { sumMoney } from '../../shared/money';
import type { Instalment, Repayment, ScheduleInput } from './index';
import {
  allocateRepayment,
  annuityPayment,
  bucketFor,
  buildSchedule,
  positionAsOf,
  RepaymentExceedsOwedError,
} from './index';

const scheduleInput = (maxTerm = 360): fc.Arbitrary<ScheduleInput> =>
  fc.record({
    principal: fc.bigInt(1n, 10n ** 11n),
    annualRateBps: fc.integer({ min: 0, max: 5000 }),
    termMonths: fc.integer({ min: 1, max: maxTerm }),
    method: fc.constantFrom('equal-instalments' as const, 'bullet' as const),
    // any day from 2000-01-01 to about 2099
    startDate: fc.integer({ min: 0, max: 36_500 }).map((days) => addDays('2000-01-01', days)),
  });

/** sum over j < n of (1 + r)^j, rounded up: how far rounding a fen a month can drift after n months. */
function driftBound(annualRateBps: number, termMonths: number): bigint {
  if (annualRateBps === 0) return BigInt(termMonths);
  const d = 120_000n;
  const a = d + BigInt(annualRateBps);
  const n = BigInt(termMonths);
  const numerator = a ** n - d ** n;
  const denominator = d ** (n - 1n) * BigInt(annualRateBps);
  return (numerator + denominator - 1n) / denominator;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

describe('buildSchedule properties', () => {
  it('instalment principals sum exactly to the principal; no part is negative; due dates strictly increase', () => {
    fc.assert(
      fc.property(scheduleInput(), (input) => {
        const schedule = buildSchedule(input);
        expect(schedule).toHaveLength(input.termMonths);
        expect(sumMoney(schedule.map((i) => i.principal))).toBe(input.principal);
        // plain checks in the loop: one jest expect per instalment would make this test slow
        const violations = schedule.flatMap((instalment, index) => [
          ...(instalment.number === index + 1 ? [] : [`#${index + 1} numbered ${instalment.number}`]),
          ...(instalment.principal >= 0n ? [] : [`#${instalment.number} principal ${instalment.principal}`]),
          ...(instalment.interest >= 0n ? [] : [`#${instalment.number} interest ${instalment.interest}`]),
          ...(index === 0 || compareDates(schedule[index - 1].dueDate, instalment.dueDate) < 0
            ? []
            : [`#${instalment.number} due ${instalment.dueDate} not after ${schedule[index - 1].dueDate}`]),
        ]);
        expect(violations).toEqual([]);
        // the first falls due about a month after the start
        const firstGap = daysBetween(input.startDate, schedule[0].dueDate);
        expect(firstGap >= 28 && firstGap <= 31).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('annuity: every instalment but the last is the level payment (or less once paid off); the last differs only by accumulated rounding', () => {
    fc.assert(
      fc.property(
        scheduleInput().map((input) => ({ ...input, method: 'equal-instalments' as const })),
        (input) => {
          const schedule = buildSchedule(input);
          const payment = annuityPayment(input.principal, input.annualRateBps, input.termMonths);
          const last = schedule[schedule.length - 1];
          const aboveLevel = schedule.slice(0, -1).filter((i) => i.principal + i.interest > payment);
          expect(aboveLevel).toEqual([]);
          expect(
            abs(last.principal + last.interest - payment) <= driftBound(input.annualRateBps, input.termMonths),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bullet: interest is level every month and all principal comes last', () => {
    fc.assert(
      fc.property(
        scheduleInput().map((input) => ({ ...input, method: 'bullet' as const })),
        (input) => {
          const schedule = buildSchedule(input);
          expect(new Set(schedule.map((i) => i.interest)).size).toBe(1);
          expect(schedule[schedule.length - 1].principal).toBe(input.principal);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** Plain assertion: jest's expect costs too much inside loops that run thousands of times. */
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Property violated: ${what}`);
}

function throwsExceedsOwed(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return error instanceof RepaymentExceedsOwedError;
  }
}

describe('position and allocation properties', () => {
  /** Repayment attempts: days after the start (in order) and a draw used to pick an amount up to what is owed. */
  const attempts = fc.array(fc.record({ day: fc.integer({ min: 0, max: 4000 }), draw: fc.bigInt(0n, 2n ** 64n) }), {
    maxLength: 25,
  });

  it('allocation never exceeds what is owed, splits the whole amount, and outstanding never goes negative', () => {
    fc.assert(
      fc.property(scheduleInput(120), attempts, (input, tries) => {
        const schedule = buildSchedule(input);
        const repayments: Repayment[] = [];
        for (const { day, draw } of [...tries].sort((a, b) => a.day - b.day)) {
          const valueDate = addDays(input.startDate, day);
          const before = positionAsOf(schedule, repayments, valueDate);
          const owed = before.interestDue + before.outstandingPrincipal;
          check(
            throwsExceedsOwed(() => allocateRepayment(owed + 1n, before)),
            'one fen more than owed is refused',
          );
          if (owed === 0n) continue;
          const amount = 1n + (draw % owed);
          const { interest, principal } = allocateRepayment(amount, before);
          check(interest + principal === amount, 'interest + principal === amount');
          check(interest >= 0n && interest <= before.interestDue, 'interest >= 0n && interest <= before.interestDue');
          check(
            principal >= 0n && principal <= before.outstandingPrincipal,
            'principal >= 0n && principal <= before.outstandingPrincipal',
          );
          repayments.push({ valueDate, principal, interest });

          const after = positionAsOf(schedule, repayments, valueDate);
          check(after.outstandingPrincipal >= 0n, 'after.outstandingPrincipal >= 0n');
          check(
            after.outstandingPrincipal === before.outstandingPrincipal - principal,
            'outstanding reduced by the principal part',
          );
          check(
            after.interestDue >= 0n && after.principalDue >= 0n,
            'after.interestDue >= 0n && after.principalDue >= 0n',
          );
          check(after.principalDue <= after.outstandingPrincipal, 'after.principalDue <= after.outstandingPrincipal');
          check(after.daysPastDue <= before.daysPastDue, 'after.daysPastDue <= before.daysPastDue');
          check(after.bucket === bucketFor(after.daysPastDue), 'bucket matches days past due');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('paying each instalment on its due date keeps the loan current and leaves nothing owed', () => {
    fc.assert(
      fc.property(scheduleInput(120), (input) => {
        const schedule: Instalment[] = buildSchedule(input);
        const repayments: Repayment[] = [];
        for (const instalment of schedule) {
          const position = positionAsOf(schedule, repayments, instalment.dueDate);
          check(position.daysPastDue === 0, `current on the due date of #${instalment.number}`);
          const amount = instalment.principal + instalment.interest;
          if (amount === 0n) continue;
          const split = allocateRepayment(amount, position);
          check(
            split.interest === instalment.interest && split.principal === instalment.principal,
            `#${instalment.number} paid on time is split as scheduled`,
          );
          repayments.push({
            valueDate: instalment.dueDate,
            principal: instalment.principal,
            interest: instalment.interest,
          });
        }
        const end = positionAsOf(schedule, repayments, addDays(schedule[schedule.length - 1].dueDate, 400));
        expect(end).toEqual({
          outstandingPrincipal: 0n,
          principalDue: 0n,
          interestDue: 0n,
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: null,
        });
      }),
      { numRuns: 100 },
    );
  });

  it('without repayments, days past due is the time since the first instalment owed fell due, never negative', () => {
    fc.assert(
      fc.property(scheduleInput(120), fc.integer({ min: -40, max: 5000 }), (input, offset) => {
        const schedule = buildSchedule(input);
        const asOf = addDays(schedule[0].dueDate, offset);
        const position = positionAsOf(schedule, [], asOf);
        // an instalment of 0.00 (a bullet loan at 0 %) is paid by nothing: the count starts at the first one owed
        const firstOwed = schedule.find((i) => i.principal + i.interest > 0n)!;
        expect(position.daysPastDue).toBe(Math.max(0, daysBetween(firstOwed.dueDate, asOf)));
        expect(position.outstandingPrincipal).toBe(input.principal);
      }),
      { numRuns: 200 },
    );
  });
});
