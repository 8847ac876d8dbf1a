import { requireRole } from '../../shared/authorization';
import { dateField, textField } from '../fund-input';
import type { ReinstateBank } from '../risk-fund.commands';
import { FundBankNotSuspendedError } from '../risk-fund.errors';
import type { BankReinstated } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { requireAdmittedBank, requireFund } from './guards';

export function reinstateBank(command: ReinstateBank, state: RiskFundState): BankReinstated[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, bankId, reason, reinstatedOn } = command.data;
  const fund = requireFund(state, fundId);
  if (requireAdmittedBank(fund, bankId) !== 'suspended') {
    throw new FundBankNotSuspendedError(`Bank "${bankId}" is not suspended`, { bankId });
  }
  return [
    {
      type: 'BankReinstated',
      data: {
        fundId,
        bankId,
        reason: textField(reason, 'reason'),
        reinstatedOn: dateField(reinstatedOn, 'reinstatedOn'),
      },
    },
  ];
}
