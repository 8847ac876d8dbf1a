import { requireRole } from '../../shared/authorization';
import { dateField, textField } from '../fund-input';
import type { SuspendBank } from '../risk-fund.commands';
import { FundBankSuspendedError } from '../risk-fund.errors';
import type { BankSuspended } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { requireAdmittedBank, requireFund } from './guards';

/** Manual suspension. New enrolments stop; loans already enrolled stay covered. */
export function suspendBank(command: SuspendBank, state: RiskFundState): BankSuspended[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, bankId, reason, suspendedOn } = command.data;
  const fund = requireFund(state, fundId);
  if (requireAdmittedBank(fund, bankId) === 'suspended') {
    throw new FundBankSuspendedError(`Bank "${bankId}" is already suspended`, { bankId });
  }
  return [
    {
      type: 'BankSuspended',
      data: {
        fundId,
        bankId,
        reason: textField(reason, 'reason'),
        suspendedOn: dateField(suspendedOn, 'suspendedOn'),
        automatic: false,
        assessment: null,
      },
    },
  ];
}
