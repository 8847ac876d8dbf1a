import { requireRole } from '../../shared/authorization';
import { yearOf } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import { availableBalance, bankAnnualCapRemaining, bankPaidInYear } from '../fund-position';
import { amountField, dateField, textField } from '../fund-input';
import type { PayCompensation } from '../risk-fund.commands';
import {
  FundBankAnnualCapExceededError,
  FundCoverReleasedError,
  FundInsufficientBalanceError,
  FundLoanAlreadyCompensatedError,
  FundLoanNotEnrolledError,
} from '../risk-fund.errors';
import type { CompensationPaid } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';
import { requireFund, requirePolicy } from './guards';

/**
 * Pays an approved claim (claim-payment process manager). Idempotent per claimId: a claim already
 * paid yields no event. The amount must fit the available balance (never below zero) and the
 * bank's remaining annual cap for the year of the value date, both checked again here because
 * the fund may have moved since the claim was approved. A suspended bank is still paid.
 */
export function payCompensation(command: PayCompensation, state: RiskFundState): CompensationPaid[] {
  requireRole(command.metadata.actor, 'system');
  const { fundId, claimId, loanId, bankId } = command.data;
  const fund = requireFund(state, fundId);
  textField(claimId, 'claimId');
  const amount = amountField(command.data.amount, 'amount');
  const valueDate = dateField(command.data.valueDate, 'valueDate');
  if (lookup(fund.paidClaims, claimId)) return [];
  const policy = requirePolicy(fund);
  const enrolment = lookup(fund.enrolments, loanId);
  if (!enrolment || enrolment.bankId !== bankId) {
    throw new FundLoanNotEnrolledError(`Loan "${loanId}" of bank "${bankId}" is not enrolled in fund "${fundId}"`, {
      loanId,
      bankId,
    });
  }
  if (enrolment.status === 'compensated') {
    throw new FundLoanAlreadyCompensatedError(`The fund has already paid a claim on loan "${loanId}"`, { loanId });
  }
  if (enrolment.status === 'released') {
    throw new FundCoverReleasedError(`Loan "${loanId}" was repaid and its cover released`, { loanId });
  }
  const balance = availableBalance(fund);
  if (amount > balance) {
    throw new FundInsufficientBalanceError(
      `Paying ${formatMoney(amount)} would exceed the fund's available balance of ${formatMoney(balance)}`,
      { amount: formatMoney(amount), availableBalance: formatMoney(balance) },
    );
  }
  const year = yearOf(valueDate);
  const capRemaining = bankAnnualCapRemaining(fund, bankId, year);
  if (amount > capRemaining) {
    throw new FundBankAnnualCapExceededError(
      `Paying ${formatMoney(amount)} would exceed bank "${bankId}"'s remaining ${year} cap of ${formatMoney(capRemaining)}`,
      { amount: formatMoney(amount), bankAnnualCapRemaining: formatMoney(capRemaining), year },
    );
  }
  return [
    {
      type: 'CompensationPaid',
      data: {
        fundId,
        claimId,
        loanId,
        bankId,
        amount: formatMoney(amount),
        year,
        valueDate,
        policyVersion: policy.version,
        perBankAnnualCap: formatMoney(policy.perBankAnnualCap),
        bankPaidInYearBefore: formatMoney(bankPaidInYear(fund, bankId, year)),
        availableBalanceBefore: formatMoney(balance),
      },
    },
  ];
}
