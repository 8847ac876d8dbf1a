import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { allocateRepayment } from '../arithmetic';
import type { ReceiveRepayment } from '../loan.commands';
import type { LoanRepaid, RepaymentReceived } from '../loan.events';
import { disbursedLoanPositionAsOf } from '../loan.position';
import type { LoanState } from '../loan.state';
import { parseAmount, parseDate, requireId } from '../loan.validation';
import { requireActive, requireLoan, requireOnOrAfterServicing } from './loan-guards';

/**
 * The bank received a repayment. It pays the interest due as of its value date first, then
 * principal; it never exceeds that interest plus the whole outstanding principal
 * (LOAN.REPAYMENT_EXCEEDS_OWED, from allocateRepayment). The repayment that clears both is
 * followed by LoanRepaid.
 */
export function receiveRepayment(command: ReceiveRepayment, state: LoanState): (RepaymentReceived | LoanRepaid)[] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const loanId = requireId(command.data.loanId, 'loanId');
  const amount = parseAmount(command.data.amount, 'amount');
  const valueDate = parseDate(command.data.valueDate, 'valueDate');
  const loan = requireActive(requireLoan(state, loanId, actor), 'receive a repayment');
  requireOnOrAfterServicing(loan, valueDate, 'Repayment value date');

  const position = disbursedLoanPositionAsOf(loan, valueDate);
  const { interest, principal } = allocateRepayment(amount, position);
  const outstandingAfter = position.outstandingPrincipal - principal;
  const interestDueAfter = position.interestDue - interest;
  const bankId = loan.terms.bankId;

  const received: RepaymentReceived = {
    type: 'RepaymentReceived',
    data: {
      loanId,
      bankId,
      valueDate,
      amount: formatMoney(amount),
      interest: formatMoney(interest),
      principal: formatMoney(principal),
      outstandingPrincipalAfter: formatMoney(outstandingAfter),
      interestDueAfter: formatMoney(interestDueAfter),
    },
  };
  if (outstandingAfter > 0n || interestDueAfter > 0n) return [received];
  return [
    received,
    {
      type: 'LoanRepaid',
      data: {
        loanId,
        bankId,
        valueDate,
        totalPrincipalRepaid: formatMoney(loan.servicing.principalRepaid + principal),
        totalInterestRepaid: formatMoney(loan.servicing.interestRepaid + interest),
      },
    },
  ];
}
