import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { badLoanRatioBps, breachesSuspensionThreshold } from '../bad-loan-ratio';
import { amountField, dateField } from '../fund-input';
import type { AssessBank } from '../risk-fund.commands';
import { FundInvalidInputError } from '../risk-fund.errors';
import type { BankSuspended } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { requireAdmittedBank, requireFund, requirePolicy } from './guards';

/**
 * Automatic suspension: the bank's bad-loan ratio (defaulted / enrolled principal, in bps rounded
 * down) strictly above the current policy's threshold suspends it. Nothing happens at or below
 * the threshold, or when the bank is already suspended, so the assessment may run any number of times.
 */
export function assessBank(command: AssessBank, state: RiskFundState): BankSuspended[] {
  requireRole(command.metadata.actor, 'fund-manager', 'system');
  const { fundId, bankId } = command.data;
  const fund = requireFund(state, fundId);
  const policy = requirePolicy(fund);
  const standing = requireAdmittedBank(fund, bankId);
  const enrolled = amountField(command.data.enrolledPrincipal, 'enrolledPrincipal', { allowZero: true });
  const defaulted = amountField(command.data.defaultedPrincipal, 'defaultedPrincipal', { allowZero: true });
  const asOf = dateField(command.data.asOf, 'asOf');
  if (defaulted > enrolled) {
    throw new FundInvalidInputError('defaultedPrincipal cannot exceed enrolledPrincipal', {
      field: 'defaultedPrincipal',
    });
  }
  if (standing === 'suspended') return [];
  const ratio = badLoanRatioBps(enrolled, defaulted);
  const threshold = policy.bankSuspensionBadLoanRatioBps;
  if (!breachesSuspensionThreshold(ratio, threshold)) return [];
  return [
    {
      type: 'BankSuspended',
      data: {
        fundId,
        bankId,
        reason: `Bad-loan ratio ${ratio} bps is above the policy threshold of ${threshold} bps`,
        suspendedOn: asOf,
        automatic: true,
        assessment: {
          enrolledPrincipal: formatMoney(enrolled),
          defaultedPrincipal: formatMoney(defaulted),
          badLoanRatioBps: ratio,
          thresholdBps: threshold,
          policyVersion: policy.version,
          asOf,
        },
      },
    },
  ];
}
