import { randomUUID } from 'node:crypto';
import type { ClaimFiled, LoanDefaulted, RiskFundEvent } from '@pledge-ledger/domain';
import type { EventData, NewEvent } from '@pledge-ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import type { ReadStore } from '../read-store/read-store';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { POLICY } from '../../../application/src/process-managers/testing/lifecycle-steps';
import { fundDashboardProjection } from './fund-dashboard.projection';
import { getFundDashboard } from './fund-dashboard.query';

const TIMEOUT = 60_000;
const auditor = { sub: 'audit-1', role: 'auditor' };

function stored(event: RiskFundEvent | LoanDefaulted | ClaimFiled): NewEvent {
  return {
    type: event.type,
    data: event.data as unknown as EventData,
    metadata: {
      eventId: randomUUID(),
      actor: { sub: 'fm-1', role: 'fund-manager' },
      correlationId: randomUUID(),
      causationId: null,
      recordedAt: '2026-07-01T08:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

const enrolled = (loanId: string, bankId: string): RiskFundEvent => ({
  type: 'LoanEnrolled',
  data: {
    fundId: 'f1',
    loanId,
    bankId,
    enterpriseId: 'e1',
    principal: '1000000.00',
    coveredPrincipal: '1000000.00',
    coverageRatioBps: 4000,
    tier: 1,
    perLoanCap: '750000.00',
    maxCompensation: '400000.00',
    policyVersion: 1,
    defaultThresholdDays: 90,
    enterpriseSize: 'small',
    enterpriseCertifications: [],
    enrolledOn: '2026-02-01',
  },
});

/**
 * Orderings a lifecycle through the commands does not produce every time: a loan defaulting
 * between the fund's enrolment decision and its event, a fund too poor to pay a claim in full.
 * The events are appended as the deciders would have written them.
 */
describe.each(DIALECTS)('fund dashboard, unusual orderings, on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    runner = new ProjectionRunner(fixture.events, readStore, fundDashboardProjection);
    await runner.start();
  }, TIMEOUT);

  afterEach(async () => {
    await runner.stop();
    await fixture.close();
  }, TIMEOUT);

  it(
    'counts a default that reached the feed before the enrolment, and bounds an entitlement by the balance',
    async () => {
      await fixture.events.append(
        'fund-f1',
        [
          stored({ type: 'FundEstablished', data: { fundId: 'f1', name: 'Pilot', establishedOn: '2026-01-01' } }),
          stored({
            type: 'FundCapitalContributed',
            data: { fundId: 'f1', contributor: 'province', amount: '300000.00', valueDate: '2026-01-02' },
          }),
        ],
        'no-stream',
      );
      // No policy yet: nothing can be computed for a claim.
      await runner.waitFor(await fixture.events.headPosition(), 5_000);
      expect(await getFundDashboard(readStore, auditor, { fundId: 'f1' })).toMatchObject({
        policyVersion: null,
        available: '300000.00',
        watchList: [],
        asOfDate: '2026-01-02',
      });

      await fixture.events.append(
        'loan-l1',
        [
          stored({
            type: 'LoanDefaulted',
            data: {
              loanId: 'l1',
              bankId: 'b1',
              asOf: '2026-05-20',
              daysPastDue: 95,
              thresholdDays: 90,
              thresholdSource: 'standard',
              fundId: null,
              policyVersion: null,
              outstandingPrincipal: '1000000.00',
              principalDue: '0.00',
              interestDue: '40000.00',
            },
          }),
        ],
        'no-stream',
      );
      await fixture.events.append(
        'fund-f1',
        [
          stored({ type: 'FundPolicyPublished', data: { fundId: 'f1', ...POLICY } }),
          stored({ type: 'BankAdmitted', data: { fundId: 'f1', bankId: 'b1', admittedOn: '2026-01-03' } }),
          stored({ type: 'BankAdmitted', data: { fundId: 'f1', bankId: 'b2', admittedOn: '2026-01-03' } }),
          stored(enrolled('l1', 'b1')),
          stored(enrolled('l2', 'b2')),
          stored({
            type: 'BankSuspended',
            data: {
              fundId: 'f1',
              bankId: 'b2',
              reason: 'audit',
              suspendedOn: '2026-03-01',
              automatic: false,
              assessment: null,
            },
          }),
          stored({
            type: 'BankReinstated',
            data: { fundId: 'f1', bankId: 'b2', reason: 'cleared', reinstatedOn: '2026-04-01' },
          }),
        ],
        1,
      );
      await fixture.events.append(
        'claim-l1',
        [
          stored({
            type: 'ClaimFiled',
            data: {
              claimId: 'l1',
              loanId: 'l1',
              bankId: 'b1',
              fundId: 'f1',
              principalLoss: '1000000.00',
              outstandingPrincipalAtDefault: '1000000.00',
              recoveriesSoFar: '0.00',
              cover: {
                policyVersion: 1,
                coverageRatioBps: 4000,
                tier: 1,
                perLoanCap: '750000.00',
                coveredPrincipal: '1000000.00',
              },
              filedBy: 'officer-b1',
              filedOn: '2026-06-01',
            },
          }),
        ],
        'no-stream',
      );
      await runner.waitFor(await fixture.events.headPosition(), 5_000);

      const dashboard = (await getFundDashboard(readStore, auditor, { fundId: 'f1' }))!;
      expect(dashboard.asOfDate).toBe('2026-06-01');
      expect(dashboard.banks.map((b) => [b.bankId, b.standing, b.standingReason, b.badLoanRatioBps])).toEqual([
        ['b1', 'admitted', null, 10000],
        ['b2', 'admitted', 'cleared', 0],
      ]);
      // 2,000,000.00 covered on 300,000.00 of capital: 6.6666x, rounded down.
      expect([dashboard.leverageBps, dashboard.leverage]).toEqual([66666, '6.6666']);
      // min(40 % x 1,000,000.00 = 400,000.00, 750,000.00, 5,000,000.00, available 300,000.00)
      expect(dashboard.claimQueue).toEqual([
        expect.objectContaining({
          claimId: 'l1',
          status: 'filed',
          entitlement: { ratioAmount: '400000.00', payout: '300000.00', boundApplied: 'fund-balance' },
          approvals: { payout: null, approvalsRequired: null, approvers: [] },
        }),
      ]);
      expect(dashboard.watchList.map((w) => [w.bankId, w.breaches])).toEqual([['b1', true]]);
    },
    TIMEOUT,
  );
});
