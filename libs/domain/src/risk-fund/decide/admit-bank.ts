import { requireRole } from '../../shared/authorization';
import { dateField, textField } from '../fund-input';
import type { AdmitBank } from '../risk-fund.commands';
import { FundBankAlreadyAdmittedError } from '../risk-fund.errors';
import type { BankAdmitted } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';
import { requireFund } from './guards';

export function admitBank(command: AdmitBank, state: RiskFundState): BankAdmitted[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, bankId, admittedOn } = command.data;
  const fund = requireFund(state, fundId);
  textField(bankId, 'bankId');
  if (lookup(fund.banks, bankId)) {
    throw new FundBankAlreadyAdmittedError(`Bank "${bankId}" is already admitted to fund "${fundId}"`, { bankId });
  }
  return [{ type: 'BankAdmitted', data: { fundId, bankId, admittedOn: dateField(admittedOn, 'admittedOn') } }];
}
