import { requireRole } from '../../shared/authorization';
import { dateField } from '../fund-input';
import type { ReleaseLoanCover } from '../risk-fund.commands';
import { FundLoanNotEnrolledError } from '../risk-fund.errors';
import type { LoanCoverReleased } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';
import { requireFund } from './guards';

/** A repaid loan needs no cover: its covered principal leaves the committed exposure. Idempotent. */
export function releaseLoanCover(command: ReleaseLoanCover, state: RiskFundState): LoanCoverReleased[] {
  requireRole(command.metadata.actor, 'system', 'fund-manager');
  const { fundId, loanId, reason } = command.data;
  const fund = requireFund(state, fundId);
  const releasedOn = dateField(command.data.releasedOn, 'releasedOn');
  const enrolment = lookup(fund.enrolments, loanId);
  if (!enrolment) {
    throw new FundLoanNotEnrolledError(`Loan "${loanId}" is not enrolled in fund "${fundId}"`, { loanId });
  }
  if (enrolment.status !== 'covered') return [];
  return [{ type: 'LoanCoverReleased', data: { fundId, loanId, bankId: enrolment.bankId, reason, releasedOn } }];
}
