import { requireRole } from '../../shared/authorization';
import { dateField, textField } from '../fund-input';
import type { EstablishFund } from '../risk-fund.commands';
import { FundAlreadyExistsError } from '../risk-fund.errors';
import type { FundEstablished } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';

export function establishFund(command: EstablishFund, state: RiskFundState): FundEstablished[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, name, establishedOn } = command.data;
  if (state.status !== 'none') {
    throw new FundAlreadyExistsError(`Fund "${state.fundId}" is already established`, { fundId: state.fundId });
  }
  return [
    {
      type: 'FundEstablished',
      data: {
        fundId: textField(fundId, 'fundId'),
        name: textField(name, 'name'),
        establishedOn: dateField(establishedOn, 'establishedOn'),
      },
    },
  ];
}
