import { requireRole } from '../../shared/authorization';
import { compareDates } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import type { RecordRecovery } from '../loan.commands';
import {
  AssetNotPledgedError,
  DateBeforeDefaultError,
  InvalidLoanInputError,
  RecoveryExceedsOutstandingError,
} from '../loan.errors';
import type { RecoveryRecorded } from '../loan.events';
import { RECOVERY_SOURCES } from '../loan.events';
import type { LoanState } from '../loan.state';
import { parseAmount, parseDate, requireId, requireOneOf } from '../loan.validation';
import { requireDefaulted, requireLoan } from './loan-guards';

/**
 * Money recovered on a defaulted loan: a pledged asset sold, a guarantor paying, the borrower
 * paying late. Only after default and before write-off; in total never more than the principal
 * outstanding at default. Costs of the recovery are recorded so a share can be taken of the net.
 */
export function recordRecovery(command: RecordRecovery, state: LoanState): [RecoveryRecorded] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const { data } = command;
  const loanId = requireId(data.loanId, 'loanId');
  const amount = parseAmount(data.amount, 'amount');
  const costs =
    data.costs === undefined || data.costs === null ? 0n : parseAmount(data.costs, 'costs', { allowZero: true });
  const source = requireOneOf(data.source, 'source', RECOVERY_SOURCES);
  const valueDate = parseDate(data.valueDate, 'valueDate');
  const assetId = data.assetId === undefined || data.assetId === null ? null : requireId(data.assetId, 'assetId');
  if (source === 'pledge-enforcement' && assetId === null) {
    throw new InvalidLoanInputError('A pledge enforcement must name the pledged asset sold (assetId)', {
      field: 'assetId',
    });
  }
  if (costs > amount) {
    throw new InvalidLoanInputError(
      `Recovery costs ${formatMoney(costs)} exceed the amount recovered ${formatMoney(amount)}`,
      { field: 'costs' },
    );
  }
  const loan = requireDefaulted(requireLoan(state, loanId, actor), 'record a recovery');

  if (assetId !== null && !loan.terms.pledgedAssetIds.includes(assetId)) {
    throw new AssetNotPledgedError(`Asset ${assetId} is not pledged to loan ${loanId}`, { loanId, assetId });
  }
  if (compareDates(valueDate, loan.default.asOf) < 0) {
    throw new DateBeforeDefaultError(
      `Recovery value date ${valueDate} is before loan ${loanId} defaulted as of ${loan.default.asOf}`,
      { loanId, valueDate, defaultedAsOf: loan.default.asOf },
    );
  }
  const atDefault = loan.default.outstandingPrincipal;
  const totalRecovered = loan.recoveries.totalRecovered + amount;
  if (totalRecovered > atDefault) {
    throw new RecoveryExceedsOutstandingError(
      `Recovery of ${formatMoney(amount)} would bring recoveries on loan ${loanId} to ${formatMoney(totalRecovered)}, ` +
        `above the ${formatMoney(atDefault)} principal outstanding at default ` +
        `(${formatMoney(atDefault - loan.recoveries.totalRecovered)} left to recover)`,
      {
        loanId,
        amount: formatMoney(amount),
        alreadyRecovered: formatMoney(loan.recoveries.totalRecovered),
        outstandingPrincipalAtDefault: formatMoney(atDefault),
      },
    );
  }

  return [
    {
      type: 'RecoveryRecorded',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        valueDate,
        amount: formatMoney(amount),
        costs: formatMoney(costs),
        netAmount: formatMoney(amount - costs),
        source,
        assetId,
        totalRecovered: formatMoney(totalRecovered),
        outstandingPrincipalAtDefault: formatMoney(atDefault),
      },
    },
  ];
}
