import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField, textField } from '../fund-input';
import type { ContributeCapital } from '../risk-fund.commands';
import type { FundCapitalContributed } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { requireFund } from './guards';

export function contributeCapital(command: ContributeCapital, state: RiskFundState): FundCapitalContributed[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, contributor, amount, valueDate } = command.data;
  requireFund(state, fundId);
  return [
    {
      type: 'FundCapitalContributed',
      data: {
        fundId,
        contributor: textField(contributor, 'contributor'),
        amount: formatMoney(amountField(amount, 'amount')),
        valueDate: dateField(valueDate, 'valueDate'),
      },
    },
  ];
}
