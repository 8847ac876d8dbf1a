import type { BusinessDate } from '../shared/business-date';
import { yearOf } from '../shared/business-date';
import type { Fen } from '../shared/money';
import { formatMoney, maxMoney, sumMoney } from '../shared/money';
import type { Enrolment, RiskFundState } from './risk-fund.state';
import { bankYearKey } from './risk-fund.state';
import { lookup } from './record-lookup';

/**
 * The fund's position, as pure functions of its state: the deciders use them and so do read
 * models (one definition of each figure).
 */

/** Contributed - paid + recovery shares received. Never below zero (PayCompensation guards it). */
export function availableBalance(state: RiskFundState): Fen {
  if (state.status === 'none') return 0n;
  return state.contributed - state.paid + state.recovered;
}

/** What the fund has paid the bank in `year` (the calendar year of each payment's value date). */
export function bankPaidInYear(state: RiskFundState, bankId: string, year: number): Fen {
  if (state.status === 'none') return 0n;
  return lookup(state.paidByBankYear, bankYearKey(bankId, year)) ?? 0n;
}

/** Current policy's per-bank annual cap minus what the bank was paid that year; zero without a policy. */
export function bankAnnualCapRemaining(state: RiskFundState, bankId: string, year: number): Fen {
  if (state.status === 'none' || state.policy === null) return 0n;
  return maxMoney(0n, state.policy.perBankAnnualCap - bankPaidInYear(state, bankId, year));
}

function openEnrolments(state: RiskFundState): Enrolment[] {
  if (state.status === 'none') return [];
  return Object.values(state.enrolments).filter((enrolment) => enrolment.status === 'covered');
}

/**
 * Committed exposure: covered principal of the enrolled loans not yet closed. A loan's cover
 * closes when the fund pays a claim on it or when the loan is repaid (LoanCoverReleased).
 */
export function committedExposure(state: RiskFundState, bankId?: string): Fen {
  return sumMoney(
    openEnrolments(state)
      .filter((enrolment) => bankId === undefined || enrolment.bankId === bankId)
      .map((enrolment) => enrolment.coveredPrincipal),
  );
}

/** The most the fund could still have to pay on open enrolments: sum of each one's maxCompensation. */
export function maximumLiability(state: RiskFundState, bankId?: string): Fen {
  return sumMoney(
    openEnrolments(state)
      .filter((enrolment) => bankId === undefined || enrolment.bankId === bankId)
      .map((enrolment) => enrolment.maxCompensation),
  );
}

/** A loan's cover as FileClaim takes it (JSON): the terms fixed when the loan was enrolled. */
export interface LoanCover {
  readonly fundId: string;
  readonly loanId: string;
  readonly bankId: string;
  readonly policyVersion: number;
  readonly coverageRatioBps: number;
  readonly tier: number;
  readonly perLoanCap: string;
  readonly coveredPrincipal: string;
  readonly status: Enrolment['status'];
}

export function loanCover(state: RiskFundState, loanId: string): LoanCover | null {
  if (state.status === 'none') return null;
  const enrolment = lookup(state.enrolments, loanId);
  if (!enrolment) return null;
  return {
    fundId: state.fundId,
    loanId,
    bankId: enrolment.bankId,
    policyVersion: enrolment.policyVersion,
    coverageRatioBps: enrolment.coverageRatioBps,
    tier: enrolment.tier,
    perLoanCap: formatMoney(enrolment.perLoanCap),
    coveredPrincipal: formatMoney(enrolment.coveredPrincipal),
    status: enrolment.status,
  };
}

/** The fund's figures an ApproveClaim decision needs, as of a business date (JSON). */
export interface FundSnapshot {
  readonly fundId: string;
  /** The current policy: its dual-approval threshold applies to the approval. */
  readonly policyVersion: number;
  readonly dualApprovalThreshold: string;
  /** For the year of the approval date. */
  readonly bankAnnualCapRemaining: string;
  readonly fundAvailableBalance: string;
}

/** Null when the fund does not exist or has no policy yet. */
export function fundSnapshot(state: RiskFundState, bankId: string, onDate: BusinessDate): FundSnapshot | null {
  if (state.status === 'none' || state.policy === null) return null;
  return {
    fundId: state.fundId,
    policyVersion: state.policy.version,
    dualApprovalThreshold: formatMoney(state.policy.dualApprovalThreshold),
    bankAnnualCapRemaining: formatMoney(bankAnnualCapRemaining(state, bankId, yearOf(onDate))),
    fundAvailableBalance: formatMoney(availableBalance(state)),
  };
}
