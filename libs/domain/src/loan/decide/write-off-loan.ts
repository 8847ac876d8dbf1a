import { requireRole } from '../../shared/authorization';
import { compareDates } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import type { WriteOffLoan } from '../loan.commands';
import { DateBeforeDefaultError, DateBeforeLastRecoveryError } from '../loan.errors';
import type { LoanWrittenOff } from '../loan.events';
import type { LoanState } from '../loan.state';
import { parseDate, requireId } from '../loan.validation';
import { requireDefaulted, requireLoan } from './loan-guards';

/**
 * Closes a defaulted loan: the principal outstanding at default that was not recovered is
 * written off (possibly 0.00 when recoveries covered it all). Final: no recovery after it.
 */
export function writeOffLoan(command: WriteOffLoan, state: LoanState): [LoanWrittenOff] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const loanId = requireId(command.data.loanId, 'loanId');
  const valueDate = parseDate(command.data.valueDate, 'valueDate');
  const loan = requireDefaulted(requireLoan(state, loanId, actor), 'write off');

  if (compareDates(valueDate, loan.default.asOf) < 0) {
    throw new DateBeforeDefaultError(
      `Write-off value date ${valueDate} is before loan ${loanId} defaulted as of ${loan.default.asOf}`,
      { loanId, valueDate, defaultedAsOf: loan.default.asOf },
    );
  }
  const lastRecovery = loan.recoveries.items.at(-1);
  if (lastRecovery !== undefined && compareDates(valueDate, lastRecovery.valueDate) < 0) {
    throw new DateBeforeLastRecoveryError(
      `Write-off value date ${valueDate} is before the last recovery on loan ${loanId}, value date ${lastRecovery.valueDate}`,
      { loanId, valueDate, lastRecoveryDate: lastRecovery.valueDate },
    );
  }

  const atDefault = loan.default.outstandingPrincipal;
  const recovered = loan.recoveries.totalRecovered;
  return [
    {
      type: 'LoanWrittenOff',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        valueDate,
        amount: formatMoney(atDefault - recovered),
        outstandingPrincipalAtDefault: formatMoney(atDefault),
        totalRecovered: formatMoney(recovered),
      },
    },
  ];
}
