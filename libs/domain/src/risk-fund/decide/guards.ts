import type { FundPolicy } from '../fund-policy';
import { FundBankNotAdmittedError, FundNoPolicyError, FundNotFoundError } from '../risk-fund.errors';
import type { BankStanding, EstablishedFund, RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';

/** Every command but EstablishFund needs the fund, and the one the command names. */
export function requireFund(state: RiskFundState, fundId: string): EstablishedFund {
  if (state.status === 'none' || state.fundId !== fundId) {
    throw new FundNotFoundError(`There is no fund "${fundId}"`, { fundId });
  }
  return state;
}

export function requirePolicy(fund: EstablishedFund): FundPolicy {
  if (fund.policy === null) {
    throw new FundNoPolicyError(`Fund "${fund.fundId}" has no published policy yet`, { fundId: fund.fundId });
  }
  return fund.policy;
}

export function requireAdmittedBank(fund: EstablishedFund, bankId: string): BankStanding {
  const standing = lookup(fund.banks, bankId);
  if (!standing) {
    throw new FundBankNotAdmittedError(`Bank "${bankId}" is not admitted to fund "${fund.fundId}"`, { bankId });
  }
  return standing;
}
