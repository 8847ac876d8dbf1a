import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import type { LoanCommand } from './loan.commands';
import { loanDecider } from './loan.decider';
import type { LoanEvent } from './loan.events';
import { loanStreamId } from './loan.events';
import { defaultThresholdOf, loanPositionAsOf } from './loan.position';
import type { LoanState } from './loan.state';
import {
  bankOfficer,
  BANK_ID,
  ENTERPRISE_ID,
  history,
  LOAN_ID,
  PLEDGE_DETAILS,
  processManager,
} from './testing/loan.fixtures';

/** Runs commands one after another, each against the state folded from the events so far. */
function run(steps: readonly [LoanCommand['type'], Record<string, unknown>, Actor?][]): {
  events: LoanEvent[];
  state: LoanState;
} {
  const events: LoanEvent[] = [];
  for (const [type, data, actor = bankOfficer] of steps) {
    const command = { type, data: { loanId: LOAN_ID, ...data }, metadata: { actor, now: '2025-01-01T00:00:00Z' } };
    const state = foldEvents(loanDecider, events);
    // Events go through JSON, as they do through every event store.
    events.push(...JSON.parse(JSON.stringify(loanDecider.decide(command as LoanCommand, state))));
  }
  return { events, state: foldEvents(loanDecider, events) };
}

const origination: Record<string, unknown> = {
  bankId: BANK_ID,
  enterpriseId: ENTERPRISE_ID,
  enterpriseRegistered: true,
  principal: '1000000.00',
  annualRateBps: 1200,
  termMonths: 6,
  repaymentMethod: 'bullet',
  originationDate: '2025-01-10',
  pledges: PLEDGE_DETAILS,
};
const pledges = [
  { assetId: 'asset-1', registrationNumber: 'ZX-1', registeredOn: '2025-01-12' },
  { assetId: 'asset-2', registrationNumber: 'ZX-2', registeredOn: '2025-01-12' },
];

describe('the loan lifecycle', () => {
  it('runs from origination through default, recovery and write-off', () => {
    const { events, state } = run([
      ['OriginateLoan', origination],
      ['SecurePledges', { pledges }, processManager],
      ['DisburseLoan', { valueDate: '2025-01-15' }],
      [
        'RecordFundCoverage',
        {
          fundId: 'fund-1',
          coverageRatioBps: 4000,
          coveredPrincipal: '1000000.00',
          policyVersion: 3,
          defaultThresholdDays: 90,
        },
        processManager,
      ],
      ['ReceiveRepayment', { amount: '10000.00', valueDate: '2025-02-15' }],
      ['AssessDelinquency', { asOf: '2025-06-14' }],
      ['DeclareDefault', { asOf: '2025-06-14' }],
      [
        'RecordRecovery',
        {
          amount: '700000.00',
          costs: '35000.00',
          source: 'pledge-enforcement',
          assetId: 'asset-1',
          valueDate: '2025-09-01',
        },
      ],
      ['RecordRecovery', { amount: '50000.00', source: 'guarantor', valueDate: '2025-09-10' }],
      ['WriteOffLoan', { valueDate: '2025-10-01' }],
    ]);

    expect(events.map((e) => e.type)).toEqual([
      'LoanOriginated',
      'LoanPledgesSecured',
      'LoanDisbursed',
      'LoanFundCoverageRecorded',
      'RepaymentReceived',
      'LoanDelinquencyAssessed',
      'LoanDefaulted',
      'RecoveryRecorded',
      'RecoveryRecorded',
      'LoanWrittenOff',
    ]);
    expect(events[5].data).toMatchObject({ daysPastDue: 91, bucket: '90+', interestDue: '30000.00' });
    expect(events[6].data).toMatchObject({
      daysPastDue: 91,
      thresholdDays: 90,
      thresholdSource: 'fund-policy',
      fundId: 'fund-1',
      policyVersion: 3,
      outstandingPrincipal: '1000000.00',
    });
    expect(events[9].data).toMatchObject({ amount: '250000.00', totalRecovered: '750000.00' });

    expect(state.status).toBe('written-off');
    if (state.status !== 'written-off') return;
    expect(state.servicing).toMatchObject({ principalRepaid: 0n, interestRepaid: 1000000n });
    expect(state.servicing.lastAssessment).toMatchObject({ asOf: '2025-06-14', bucket: '90+' });
    expect(state.default).toEqual({
      asOf: '2025-06-14',
      daysPastDue: 91,
      thresholdDays: 90,
      outstandingPrincipal: 100000000n,
    });
    expect(state.recoveries.totalRecovered).toBe(75000000n);
    expect(state.recoveries.items[0]).toEqual({
      valueDate: '2025-09-01',
      amount: 70000000n,
      costs: 3500000n,
      source: 'pledge-enforcement',
      assetId: 'asset-1',
    });
    expect(state.writeOff).toEqual({ valueDate: '2025-10-01', amount: 25000000n });
  });

  it('ends repaid when the borrower pays everything', () => {
    const { events, state } = run([
      ['OriginateLoan', { ...origination, repaymentMethod: 'equal-instalments', termMonths: 3, principal: '300000' }],
      ['SecurePledges', { pledges }, processManager],
      ['DisburseLoan', { valueDate: '2025-01-15' }],
      ['ReceiveRepayment', { amount: '102006.63', valueDate: '2025-02-15' }],
      ['ReceiveRepayment', { amount: '102006.63', valueDate: '2025-03-15' }],
      ['ReceiveRepayment', { amount: '102006.64', valueDate: '2025-04-15' }],
    ]);
    // 300,000.00 at 1 % a month over 3 months (hand-computed): 102,006.63 twice, then 102,006.64 as the last
    // instalment absorbs the rounding; interest 3,000.00 + 2,009.93 + 1,009.97.
    expect(events.map((e) => e.type).slice(-2)).toEqual(['RepaymentReceived', 'LoanRepaid']);
    expect(events.at(-1)?.data).toMatchObject({ totalPrincipalRepaid: '300000.00', totalInterestRepaid: '6019.90' });
    expect(state.status).toBe('repaid');
    expect(loanPositionAsOf(state, '2025-12-31')).toMatchObject({
      outstandingPrincipal: 0n,
      interestDue: 0n,
      daysPastDue: 0,
      nextInstalment: null,
    });
  });

  it('stops at a refused pledge: never disbursed', () => {
    const { state } = run([
      ['OriginateLoan', origination],
      [
        'RefusePledges',
        { refusals: [{ assetId: 'asset-2', reasons: ['co-owner has not consented'] }] },
        processManager,
      ],
    ]);
    expect(state).toMatchObject({
      status: 'pledges-refused',
      refusals: [{ assetId: 'asset-2', reasons: ['co-owner has not consented'] }],
    });
  });
});

describe('loanPositionAsOf', () => {
  const active = foldEvents(loanDecider, history.active);

  it('is null before disbursement', () => {
    expect(loanPositionAsOf(foldEvents(loanDecider, history.pledgesSecured), '2025-03-01')).toBeNull();
    expect(loanPositionAsOf(loanDecider.initialState, '2025-03-01')).toBeNull();
  });

  it('gives outstanding, due, days past due and bucket on a date', () => {
    expect(loanPositionAsOf(active, '2025-03-20')).toMatchObject({
      outstandingPrincipal: 100000000n,
      principalDue: 0n,
      interestDue: 2000000n,
      daysPastDue: 33,
      bucket: '31-60',
    });
  });
});

describe('defaultThresholdOf', () => {
  it('is 90 days unless a fund policy covers the loan', () => {
    const active = foldEvents(loanDecider, history.active);
    if (active.status === 'none') throw new Error('unreachable');
    expect(defaultThresholdOf(active)).toEqual({
      thresholdDays: 90,
      source: 'standard',
      fundId: null,
      policyVersion: null,
    });
  });
});

describe('evolve', () => {
  it('starts with no loan', () => {
    expect(loanDecider.initialState).toEqual({ status: 'none' });
  });

  it('ignores an event that does not fit the status (a stream decide could not have produced)', () => {
    const originated = foldEvents(loanDecider, history.originated);
    expect(loanDecider.evolve(originated, history.writtenOff[4])).toBe(originated);
  });

  it('keeps money in fen', () => {
    const state = foldEvents(loanDecider, history.active);
    expect(state).toMatchObject({ status: 'active', terms: { principal: 100000000n } });
  });
});

it('names the stream loan-<id>', () => {
  expect(loanStreamId('abc')).toBe('loan-abc');
});
