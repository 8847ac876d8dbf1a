import type { FundSnapshot, LoanCover, RiskFundState } from '@pledge-ledger/domain';
import {
  formatMoney,
  FundNotFoundError,
  fundSnapshot,
  loanCover,
  riskFundDecider,
  riskFundStreamId,
  sumMoney,
} from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { loadAggregate } from '../../aggregate-stream';
import { isLoanInDefault } from './loan-facts';

/** Facts the RiskFund aggregate owns that claims decide on, and the fund's view of a bank's loans. */

export async function loadFund(store: EventStore, fundId: string): Promise<RiskFundState> {
  return (await loadAggregate(store, riskFundDecider, riskFundStreamId(fundId))).state;
}

/** FileClaim's `cover`: the terms the loan was enrolled under, or null when the fund never enrolled it. */
export async function loanCoverInFund(
  store: EventStore,
  fundId: string | null,
  loanId: string,
): Promise<LoanCover | null> {
  if (fundId === null) return null;
  return loanCover(await loadFund(store, fundId), loanId);
}

/** ApproveClaim's `fund`: policy, the bank's remaining annual cap in the approval's year, available balance. */
export async function fundSnapshotOn(
  store: EventStore,
  fundId: string,
  bankId: string,
  onDate: unknown,
): Promise<FundSnapshot> {
  // A malformed date is the claim decider's to refuse; the snapshot only needs its year.
  const snapshot = fundSnapshot(await loadFund(store, fundId), bankId, typeof onDate === 'string' ? onDate : '');
  if (snapshot === null) {
    throw new FundNotFoundError(`There is no fund "${fundId}" with a published policy`, { fundId });
  }
  return snapshot;
}

/** AssessBank's inputs: the bank's principal enrolled in the fund and the part of it on defaulted loans. */
export interface BankExposure {
  readonly enrolledPrincipal: string;
  readonly defaultedPrincipal: string;
}

/**
 * The bad-loan ratio is a balance ratio: loans whose cover was released (repaid) leave both
 * figures; a compensated or written-off loan stays a bad loan. Loans are read from their own
 * streams, since the fund learns of a default only through a claim.
 */
export async function bankExposureInFund(store: EventStore, fundId: string, bankId: string): Promise<BankExposure> {
  const fund = await loadFund(store, fundId);
  const enrolments =
    fund.status === 'none'
      ? []
      : Object.values(fund.enrolments).filter((e) => e.bankId === bankId && e.status !== 'released');
  const defaulted = [];
  for (const enrolment of enrolments) {
    if (await isLoanInDefault(store, enrolment.loanId)) defaulted.push(enrolment.principal);
  }
  return {
    enrolledPrincipal: formatMoney(sumMoney(enrolments.map((e) => e.principal))),
    defaultedPrincipal: formatMoney(sumMoney(defaulted)),
  };
}
