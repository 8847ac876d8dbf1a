import type { Fen } from '../shared/money';
import { formatMoney } from '../shared/money';
import { coverageRatioFor } from './coverage';
import type { FundPolicy } from './fund-policy';
import type { LoanStandingForFund } from './risk-fund.commands';

export interface LoanForEligibility {
  readonly principal: Fen;
  readonly loanStanding: LoanStandingForFund;
  readonly enterpriseSize: string;
  readonly enterpriseCertifications: readonly string[];
}

export type IneligibilityCode =
  | 'loan-not-disbursed'
  | 'loan-defaulted'
  | 'loan-closed'
  | 'enterprise-size'
  | 'certification'
  | 'above-max-principal'
  | 'outside-coverage-tiers';

export interface Ineligibility {
  readonly code: IneligibilityCode;
  readonly message: string;
}

/** Every reason the loan cannot be enrolled under the policy; empty when it can. */
export function loanIneligibilities(policy: FundPolicy, loan: LoanForEligibility): Ineligibility[] {
  const reasons: Ineligibility[] = [];
  const standing: Record<Exclude<LoanStandingForFund, 'disbursed'>, Ineligibility> = {
    'not-disbursed': { code: 'loan-not-disbursed', message: 'the loan has not been disbursed' },
    defaulted: { code: 'loan-defaulted', message: 'the loan has already defaulted' },
    closed: { code: 'loan-closed', message: 'the loan is closed' },
  };
  if (loan.loanStanding !== 'disbursed') reasons.push(standing[loan.loanStanding]);
  if (!(policy.eligibleEnterpriseSizes as readonly string[]).includes(loan.enterpriseSize)) {
    reasons.push({
      code: 'enterprise-size',
      message: `a ${loan.enterpriseSize} enterprise is not eligible (${policy.eligibleEnterpriseSizes.join(', ')})`,
    });
  }
  if (
    policy.eligibleCertifications.length > 0 &&
    !loan.enterpriseCertifications.some((name) => policy.eligibleCertifications.includes(name))
  ) {
    reasons.push({
      code: 'certification',
      message: `the enterprise holds none of the eligible certifications (${policy.eligibleCertifications.join(', ')})`,
    });
  }
  if (loan.principal > policy.maxLoanPrincipal) {
    reasons.push({
      code: 'above-max-principal',
      message: `the principal is above the maximum loan of ${formatMoney(policy.maxLoanPrincipal)}`,
    });
  }
  if (coverageRatioFor(policy, loan.principal) === null) {
    reasons.push({ code: 'outside-coverage-tiers', message: 'the principal is above every coverage tier' });
  }
  return reasons;
}
