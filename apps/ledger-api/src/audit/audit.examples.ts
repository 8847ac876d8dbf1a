/** Example answers of the audit routes, for OpenAPI (shapes as the handlers return them). */

const HASH = '5d0c3f0c6f7bd2a0f2a1c1cf2b2f1a8e3c2d9f6b3e8a7c1d0e9f8a7b6c5d4e3f';

export const AUDIT_EVENT_PAGE_EXAMPLE = {
  items: [
    {
      position: '12',
      streamId: 'loan-loan-1',
      revision: 4,
      type: 'RepaymentReceived',
      data: { loanId: 'loan-1', valueDate: '2026-02-15', amount: '35000.00' },
      metadata: {
        eventId: '0b7f8d3e-2a51-4c1e-9d8e-5f3b2a1c0d9e',
        actor: { sub: 'alice', role: 'bank', bankId: 'B1' },
        correlationId: 'walkthrough-12',
        causationId: null,
        recordedAt: '2026-02-15T09:30:00.000Z',
        schemaVersion: 1,
      },
      hash: HASH,
    },
  ],
  nextCursor: '12',
};

export const AGGREGATE_STATE_EXAMPLE = {
  aggregate: 'loan',
  id: 'loan-1',
  streamId: 'loan-loan-1',
  state: {
    status: 'active',
    terms: { loanId: 'loan-1', bankId: 'B1', enterpriseId: 'ent-1', principal: '2000000.00', annualRateBps: 1200 },
    servicing: { principalRepaid: '15000.00', interestRepaid: '20000.00', lastAssessment: null },
  },
  revision: 4,
  position: '12',
  eventsApplied: 5,
  asOf: { position: '12' },
};

export const VERIFICATION_EXAMPLE = {
  ok: false,
  eventsChecked: 17,
  streamsChecked: 6,
  firstBrokenLink: {
    streamId: 'loan-loan-1',
    revision: 4,
    position: '12',
    reason: 'hash',
    expected: HASH,
    found: 'a41f2c0e9b8d7c6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a',
  },
  verifiedAt: '2026-11-25T18:00:00.000Z',
  headPosition: '30',
};

export const FUND_DASHBOARD_AS_OF_EXAMPLE = {
  asOf: { position: '9' },
  position: '9',
  dashboard: {
    fundId: 'fund-1',
    name: 'Fujian IP pledge risk fund',
    establishedOn: '2026-01-01',
    asOfDate: '2026-01-03',
    year: 2026,
    policyVersion: 1,
    capitalContributed: '10000000.00',
    available: '10000000.00',
    committedExposure: '0.00',
    maximumLiability: '0.00',
    paid: '0.00',
    recovered: '0.00',
    leverageBps: 0,
    leverage: '0.0000',
    banks: [],
    claimQueue: [],
    watchList: [],
    watchMarginBps: 500,
  },
};

export const AUDIT_STREAM_PAGE_EXAMPLE = {
  streamId: 'loan-loan-1',
  items: AUDIT_EVENT_PAGE_EXAMPLE.items,
  nextRevision: 5,
};
