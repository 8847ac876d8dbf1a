import { requireRole } from '../../shared/authorization';
import { compareDates } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import { buildSchedule } from '../arithmetic';
import type { DisburseLoan } from '../loan.commands';
import { DateBeforeOriginationError, LoanAlreadyDisbursedError, PledgesNotSecuredError } from '../loan.errors';
import type { LoanDisbursed } from '../loan.events';
import type { LoanState } from '../loan.state';
import { parseDate, requireId } from '../loan.validation';
import { requireLoan } from './loan-guards';

/**
 * The bank pays out the whole principal. No disbursement before every pledge is secured.
 * The schedule starts on the value date and travels in the event, so readers need no arithmetic.
 */
export function disburseLoan(command: DisburseLoan, state: LoanState): [LoanDisbursed] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const loanId = requireId(command.data.loanId, 'loanId');
  const valueDate = parseDate(command.data.valueDate, 'valueDate');
  const loan = requireLoan(state, loanId, actor);

  if (loan.status === 'originated' || loan.status === 'pledges-refused') {
    const why = loan.status === 'originated' ? 'are still being registered' : 'were refused';
    throw new PledgesNotSecuredError(`Loan ${loanId} cannot be disbursed: its pledges ${why}`, {
      loanId,
      status: loan.status,
    });
  }
  if (loan.status !== 'pledges-secured') {
    throw new LoanAlreadyDisbursedError(`Loan ${loanId} was already disbursed (${loan.status})`, { loanId });
  }
  const { terms } = loan;
  if (compareDates(valueDate, terms.originationDate) < 0) {
    throw new DateBeforeOriginationError(
      `Disbursement value date ${valueDate} is before loan ${loanId} was originated on ${terms.originationDate}`,
      { loanId, valueDate, originationDate: terms.originationDate },
    );
  }

  const schedule = buildSchedule({
    principal: terms.principal,
    annualRateBps: terms.annualRateBps,
    termMonths: terms.termMonths,
    method: terms.repaymentMethod,
    startDate: valueDate,
  });
  return [
    {
      type: 'LoanDisbursed',
      data: {
        loanId,
        bankId: terms.bankId,
        enterpriseId: terms.enterpriseId,
        valueDate,
        amount: formatMoney(terms.principal),
        annualRateBps: terms.annualRateBps,
        termMonths: terms.termMonths,
        repaymentMethod: terms.repaymentMethod,
        maturityDate: schedule[schedule.length - 1].dueDate,
        schedule: schedule.map((instalment) => ({
          number: instalment.number,
          dueDate: instalment.dueDate,
          principal: formatMoney(instalment.principal),
          interest: formatMoney(instalment.interest),
        })),
      },
    },
  ];
}
