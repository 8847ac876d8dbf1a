import type { Actor } from '../shared/decider';
import type { FundPolicyData } from './fund-policy';
import type { RiskFundCommand } from './risk-fund.commands';
import type { RiskFundEvent } from './risk-fund.events';

/** Builders for specs (here and in the application layer's tests): a fund in a typical state. */

export const FUND_ID = 'f-1';
export const fundManager: Actor = { sub: 'fm-alice', role: 'fund-manager' };
export const systemActor: Actor = { sub: 'claim-payment', role: 'system' };
export const NOW = '2026-03-01T09:00:00.000Z';

export function fundCommand<C extends RiskFundCommand>(
  type: C['type'],
  data: C['data'],
  actor: Actor = fundManager,
): C {
  return { type, data, metadata: { actor, now: NOW } } as C;
}

/** 40 % up to 5 m / 30 % up to 15 m / 20 % up to 30 m, as in DESIGN.md. */
export function policyData(overrides: Partial<FundPolicyData> = {}): FundPolicyData {
  return {
    version: 1,
    coverageTiers: [
      { upToPrincipal: '5000000.00', ratioBps: 4000 },
      { upToPrincipal: '15000000.00', ratioBps: 3000 },
      { upToPrincipal: '30000000.00', ratioBps: 2000 },
    ],
    perLoanCap: '3000000.00',
    perBankAnnualCap: '5000000.00',
    defaultThresholdDays: 90,
    bankSuspensionBadLoanRatioBps: 500,
    eligibleEnterpriseSizes: ['micro', 'small'],
    eligibleCertifications: [],
    maxLoanPrincipal: '30000000.00',
    dualApprovalThreshold: '1000000.00',
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}

export const fundEstablished: RiskFundEvent = {
  type: 'FundEstablished',
  data: { fundId: FUND_ID, name: 'Provincial IP pledge risk fund', establishedOn: '2026-01-01' },
};

export function capitalContributed(amount: string): RiskFundEvent {
  return {
    type: 'FundCapitalContributed',
    data: { fundId: FUND_ID, contributor: 'Provincial finance department', amount, valueDate: '2026-01-05' },
  };
}

export function policyPublished(overrides: Partial<FundPolicyData> = {}): RiskFundEvent {
  return { type: 'FundPolicyPublished', data: { fundId: FUND_ID, ...policyData(overrides) } };
}

export function bankAdmitted(bankId: string): RiskFundEvent {
  return { type: 'BankAdmitted', data: { fundId: FUND_ID, bankId, admittedOn: '2026-01-10' } };
}

export function bankSuspended(bankId: string): RiskFundEvent {
  return {
    type: 'BankSuspended',
    data: {
      fundId: FUND_ID,
      bankId,
      reason: 'Audit findings',
      suspendedOn: '2026-02-01',
      automatic: false,
      assessment: null,
    },
  };
}

/** A 4 m loan in tier 1 (40 %), max compensation 1.6 m. */
export function loanEnrolled(loanId: string, bankId: string, principal = '4000000.00'): RiskFundEvent {
  return {
    type: 'LoanEnrolled',
    data: {
      fundId: FUND_ID,
      loanId,
      bankId,
      enterpriseId: 'e-1',
      principal,
      coveredPrincipal: principal,
      coverageRatioBps: 4000,
      tier: 1,
      perLoanCap: '3000000.00',
      maxCompensation: '1600000.00',
      policyVersion: 1,
      defaultThresholdDays: 90,
      enterpriseSize: 'small',
      enterpriseCertifications: ['high-tech'],
      enrolledOn: '2026-01-15',
    },
  };
}

export function compensationPaid(claimId: string, bankId: string, amount: string, valueDate = '2026-06-01') {
  return {
    type: 'CompensationPaid',
    data: {
      fundId: FUND_ID,
      claimId,
      loanId: claimId,
      bankId,
      amount,
      year: Number(valueDate.slice(0, 4)),
      valueDate,
      policyVersion: 1,
      perBankAnnualCap: '5000000.00',
      bankPaidInYearBefore: '0.00',
      availableBalanceBefore: '0.00',
    },
  } satisfies RiskFundEvent;
}

/** Established, 10 m contributed, policy v1, bank b-1 admitted. */
export const operatingFund: RiskFundEvent[] = [
  fundEstablished,
  capitalContributed('10000000.00'),
  policyPublished(),
  bankAdmitted('b-1'),
];
