import type { Fen } from '../../shared/money';
import { formatMoney, minMoney } from '../../shared/money';
import { InvalidRepaymentAmountError, RepaymentExceedsOwedError } from './loan-arithmetic.errors';
import type { LoanPosition } from './loan-position';

/**
 * Splits an amount received: first to interest due as of the value date, then to principal
 * (the overdue part first, then prepayment of the outstanding principal). `position` must be
 * the loan's position as of the repayment's value date.
 * Throws RepaymentExceedsOwedError when amount > interestDue + outstandingPrincipal.
 */
export function allocateRepayment(
  amount: Fen,
  position: LoanPosition,
): { readonly interest: Fen; readonly principal: Fen } {
  if (amount <= 0n) {
    throw new InvalidRepaymentAmountError(`A repayment must be more than 0.00, got ${formatMoney(amount)}`, {
      amount: formatMoney(amount),
    });
  }
  const owed = position.interestDue + position.outstandingPrincipal;
  if (amount > owed) {
    throw new RepaymentExceedsOwedError(
      `Repayment of ${formatMoney(amount)} exceeds what is owed: ${formatMoney(position.interestDue)} interest due and ${formatMoney(position.outstandingPrincipal)} principal outstanding`,
      {
        amount: formatMoney(amount),
        interestDue: formatMoney(position.interestDue),
        outstandingPrincipal: formatMoney(position.outstandingPrincipal),
      },
    );
  }
  const interest = minMoney(amount, position.interestDue);
  return { interest, principal: amount - interest };
}
