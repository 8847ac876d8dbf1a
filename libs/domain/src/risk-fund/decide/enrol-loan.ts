import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { coverageRatioFor, maxCompensationFor } from '../coverage';
import { loanIneligibilities } from '../eligibility';
import { amountField, dateField, textField } from '../fund-input';
import type { EnrolLoan } from '../risk-fund.commands';
import { FundBankSuspendedError, FundLoanAlreadyEnrolledError, FundLoanNotEligibleError } from '../risk-fund.errors';
import type { LoanEnrolled } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';
import { requireAdmittedBank, requireFund, requirePolicy } from './guards';

/**
 * Enrolment: an eligible loan of an admitted, non-suspended bank, under the current policy. The
 * terms (tier, ratio, per-loan cap) are fixed here and carried by the event: a later policy does
 * not change the cover of loans already enrolled.
 */
export function enrolLoan(command: EnrolLoan, state: RiskFundState): LoanEnrolled[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, loanId, bankId, enterpriseId, loanStanding, enterpriseSize, enterpriseCertifications } = command.data;
  const fund = requireFund(state, fundId);
  textField(loanId, 'loanId');
  textField(enterpriseId, 'enterpriseId');
  const principal = amountField(command.data.principal, 'principal');
  const enrolledOn = dateField(command.data.enrolledOn, 'enrolledOn');
  const policy = requirePolicy(fund);
  if (requireAdmittedBank(fund, bankId) === 'suspended') {
    throw new FundBankSuspendedError(`Bank "${bankId}" is suspended: it cannot enrol new loans`, { bankId });
  }
  if (lookup(fund.enrolments, loanId)) {
    throw new FundLoanAlreadyEnrolledError(`Loan "${loanId}" is already enrolled in fund "${fundId}"`, { loanId });
  }
  const reasons = loanIneligibilities(policy, {
    principal,
    loanStanding,
    enterpriseSize,
    enterpriseCertifications,
  });
  const coverage = coverageRatioFor(policy, principal);
  if (reasons.length > 0 || coverage === null) {
    throw new FundLoanNotEligibleError(
      `Loan "${loanId}" is not eligible under policy version ${policy.version}: ${reasons.map((r) => r.message).join('; ')}`,
      { loanId, policyVersion: policy.version, reasons: reasons.map((r) => r.code) },
    );
  }
  return [
    {
      type: 'LoanEnrolled',
      data: {
        fundId,
        loanId,
        bankId,
        enterpriseId,
        principal: formatMoney(principal),
        coveredPrincipal: formatMoney(principal),
        coverageRatioBps: coverage.ratioBps,
        tier: coverage.tier,
        perLoanCap: formatMoney(policy.perLoanCap),
        maxCompensation: formatMoney(maxCompensationFor(principal, coverage.ratioBps, policy.perLoanCap)),
        policyVersion: policy.version,
        defaultThresholdDays: policy.defaultThresholdDays,
        enterpriseSize,
        enterpriseCertifications: [...enterpriseCertifications],
        enrolledOn,
      },
    },
  ];
}
