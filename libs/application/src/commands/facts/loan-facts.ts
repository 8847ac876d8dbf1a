import type { Actor, BusinessDate, ExistingLoanState, LoanStandingForFund, LoanState } from '@pledge-ledger/domain';
import { formatMoney, LoanNotFoundError, loanDecider, loanStreamId, sumMoney } from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { loadAggregate } from '../../aggregate-stream';

/** Facts the Loan aggregate owns that the fund, the claim and the IP asset decide on. */

export async function loadLoan(store: EventStore, loanId: string): Promise<LoanState> {
  return (await loadAggregate(store, loanDecider, loanStreamId(loanId))).state;
}

/**
 * The loan exists and the actor may see it: a bank naming another bank's loan is told it does
 * not exist, exactly as the Loan aggregate itself answers (ids cannot be probed).
 */
export async function loadVisibleLoan(store: EventStore, loanId: string, actor: Actor): Promise<ExistingLoanState> {
  const loan = await loadLoan(store, loanId);
  if (loan.status === 'none' || (actor.role === 'bank' && actor.bankId !== loan.terms.bankId)) {
    throw new LoanNotFoundError(`Loan ${loanId} not found`, { loanId });
  }
  return loan;
}

/** How the fund sees a loan: a delinquent loan not yet defaulted still counts as disbursed. */
export function loanStandingForFund(loan: ExistingLoanState): LoanStandingForFund {
  switch (loan.status) {
    case 'originated':
    case 'pledges-refused':
    case 'pledges-secured':
      return 'not-disbursed';
    case 'active':
      return 'disbursed';
    case 'defaulted':
      return 'defaulted';
    case 'repaid':
    case 'written-off':
      return 'closed';
  }
}

/** The loan facts EnrolLoan needs. */
export interface LoanForEnrolment {
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly principal: string;
  readonly loanStanding: LoanStandingForFund;
}

export async function loanForEnrolment(store: EventStore, loanId: string, actor: Actor): Promise<LoanForEnrolment> {
  const loan = await loadVisibleLoan(store, loanId, actor);
  return {
    bankId: loan.terms.bankId,
    enterpriseId: loan.terms.enterpriseId,
    principal: formatMoney(loan.terms.principal),
    loanStanding: loanStandingForFund(loan),
  };
}

/** The loan facts FileClaim needs, and the fund whose cover the claim is on (null when not covered). */
export interface LoanForClaim {
  readonly bankId: string;
  readonly loanDefaulted: boolean;
  readonly outstandingPrincipalAtDefault: string;
  /** Net of recovery costs: the loss the claim is measured against is what the bank did not get back. */
  readonly recoveriesSoFar: string;
  readonly fundId: string | null;
}

export async function loanForClaim(store: EventStore, loanId: string): Promise<LoanForClaim> {
  const loan = await loadLoan(store, loanId);
  // No visibility check here: the claim decider answers CLAIM.NOT_FOUND when the loan's bank is not
  // the filer's, and a loan that does not exist has no bank ('' matches no actor).
  if (loan.status === 'none') {
    return {
      bankId: '',
      loanDefaulted: false,
      outstandingPrincipalAtDefault: '0.00',
      recoveriesSoFar: '0.00',
      fundId: null,
    };
  }
  const inDefault = loan.status === 'defaulted' || loan.status === 'written-off';
  return {
    bankId: loan.terms.bankId,
    // Written off after default is still a defaulted loan: its loss may be claimed.
    loanDefaulted: inDefault,
    outstandingPrincipalAtDefault: formatMoney(inDefault ? loan.default.outstandingPrincipal : 0n),
    recoveriesSoFar: formatMoney(
      inDefault ? sumMoney(loan.recoveries.items.map((recovery) => recovery.amount - recovery.costs)) : 0n,
    ),
    fundId: loan.coverage?.fundId ?? null,
  };
}

/** The loan facts a pledge on one of its assets is decided on (RegisterPledge). */
export interface LoanForPledge {
  readonly pledgeeBankId: string;
  readonly pledgorEnterpriseId: string;
  readonly loanMaturityDate: BusinessDate;
}

export async function loanForPledge(store: EventStore, loanId: string, actor: Actor): Promise<LoanForPledge> {
  const loan = await loadVisibleLoan(store, loanId, actor);
  return {
    pledgeeBankId: loan.terms.bankId,
    pledgorEnterpriseId: loan.terms.enterpriseId,
    // Pledges are registered before disbursement, so the maturity fixed at origination is the one that counts.
    loanMaturityDate: loan.terms.plannedMaturityDate,
  };
}

/** Whether the loan is a bad loan for the fund's bad-loan ratio: defaulted, or written off after default. */
export async function isLoanInDefault(store: EventStore, loanId: string): Promise<boolean> {
  const loan = await loadLoan(store, loanId);
  return loan.status === 'defaulted' || loan.status === 'written-off';
}
