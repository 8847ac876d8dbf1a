import type { LoanCover, FundSnapshot } from '../risk-fund/fund-position';
import type { Actor } from '../shared/decider';
import type { ClaimCommand, FileClaim } from './claim.commands';
import type { ClaimEvent, ClaimFiled } from './claim.events';

/** Builders for claim specs: loan l-1 of bank b-1, 4 m covered at 40 % (tier 1), per-loan cap 3 m. */

export const LOAN_ID = 'l-1';
export const bankUser: Actor = { sub: 'bank-clerk', role: 'bank', bankId: 'b-1' };
export const otherBankUser: Actor = { sub: 'other-clerk', role: 'bank', bankId: 'b-2' };
export const alice: Actor = { sub: 'fm-alice', role: 'fund-manager' };
export const bob: Actor = { sub: 'fm-bob', role: 'fund-manager' };
export const carol: Actor = { sub: 'fm-carol', role: 'fund-manager' };
export const claimSystem: Actor = { sub: 'claim-payment', role: 'system' };

export function claimCommand<C extends ClaimCommand>(type: C['type'], data: C['data'], actor: Actor): C {
  return { type, data, metadata: { actor, now: '2026-06-01T09:00:00.000Z' } } as C;
}

export function cover(overrides: Partial<LoanCover> = {}): LoanCover {
  return {
    fundId: 'f-1',
    loanId: LOAN_ID,
    bankId: 'b-1',
    policyVersion: 1,
    coverageRatioBps: 4000,
    tier: 1,
    perLoanCap: '3000000.00',
    coveredPrincipal: '4000000.00',
    status: 'covered',
    ...overrides,
  };
}

export function snapshot(overrides: Partial<FundSnapshot> = {}): FundSnapshot {
  return {
    fundId: 'f-1',
    policyVersion: 1,
    dualApprovalThreshold: '1000000.00',
    bankAnnualCapRemaining: '5000000.00',
    fundAvailableBalance: '10000000.00',
    ...overrides,
  };
}

export function fileCommand(overrides: Partial<FileClaim['data']> = {}, actor: Actor = bankUser): FileClaim {
  return claimCommand<FileClaim>(
    'FileClaim',
    {
      loanId: LOAN_ID,
      bankId: 'b-1',
      loanDefaulted: true,
      outstandingPrincipalAtDefault: '3000000.00',
      recoveriesSoFar: '0.00',
      cover: cover(),
      filedOn: '2026-05-20',
      ...overrides,
    },
    actor,
  );
}

/** Principal loss 3 m: ratio amount 1.2 m, above the 1 m dual-approval threshold. */
export function claimFiled(principalLoss = '3000000.00'): ClaimFiled {
  return {
    type: 'ClaimFiled',
    data: {
      claimId: LOAN_ID,
      loanId: LOAN_ID,
      bankId: 'b-1',
      fundId: 'f-1',
      principalLoss,
      outstandingPrincipalAtDefault: principalLoss,
      recoveriesSoFar: '0.00',
      cover: {
        policyVersion: 1,
        coverageRatioBps: 4000,
        tier: 1,
        perLoanCap: '3000000.00',
        coveredPrincipal: '4000000.00',
      },
      filedBy: 'bank-clerk',
      filedOn: '2026-05-20',
    },
  };
}

export function claimApproved(
  approvedBy: string,
  approvalsSoFar: number,
  payout = '1200000.00',
  approvalsRequired: 1 | 2 = 2,
): ClaimEvent {
  return {
    type: 'ClaimApproved',
    data: {
      claimId: LOAN_ID,
      loanId: LOAN_ID,
      bankId: 'b-1',
      fundId: 'f-1',
      approvedBy,
      approvedOn: '2026-05-25',
      calculation: {
        policyVersion: 1,
        enrolmentPolicyVersion: 1,
        coverageRatioBps: 4000,
        tier: 1,
        principalLoss: '3000000.00',
        ratioAmount: '1200000.00',
        perLoanCap: '3000000.00',
        bankAnnualCapRemaining: '5000000.00',
        fundAvailableBalance: '10000000.00',
        payout,
        boundApplied: 'ratio',
        dualApprovalThreshold: '1000000.00',
      },
      approvalsRequired,
      approvalsSoFar,
      fullyApproved: approvalsSoFar >= approvalsRequired,
    },
  };
}

export function claimPaid(amount = '1200000.00'): ClaimEvent {
  return {
    type: 'ClaimPaid',
    data: { claimId: LOAN_ID, loanId: LOAN_ID, bankId: 'b-1', fundId: 'f-1', amount, paidOn: '2026-06-01' },
  };
}

export const fullyApproved: ClaimEvent[] = [claimFiled(), claimApproved('fm-alice', 1), claimApproved('fm-bob', 2)];
export const paid: ClaimEvent[] = [...fullyApproved, claimPaid()];
