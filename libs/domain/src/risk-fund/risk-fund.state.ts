import type { BasisPoints } from '../shared/basis-points';
import type { BusinessDate } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import type { FundPolicy } from './fund-policy';
import { lookup } from './record-lookup';
import { parseFundPolicy } from './fund-policy';
import type { RiskFundEvent } from './risk-fund.events';

export type BankStanding = 'admitted' | 'suspended';

/**
 * An enrolled loan. `covered` until closed: `compensated` once the fund paid a claim on it (its
 * liability is crystallised), `released` when the loan was repaid (nothing left to cover). A
 * written-off loan stays covered: it may still be claimed. A bank's suspension changes nothing here.
 */
export interface Enrolment {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly principal: Fen;
  readonly coveredPrincipal: Fen;
  readonly coverageRatioBps: BasisPoints;
  readonly tier: number;
  readonly perLoanCap: Fen;
  readonly maxCompensation: Fen;
  readonly policyVersion: number;
  readonly enrolledOn: BusinessDate;
  readonly status: 'covered' | 'compensated' | 'released';
}

export interface CompensatedClaim {
  readonly claimId: string;
  readonly loanId: string;
  readonly bankId: string;
  readonly amount: Fen;
  readonly year: number;
  readonly recovered: Fen;
  readonly recoveryIds: readonly string[];
}

export interface EstablishedFund {
  readonly status: 'established';
  readonly fundId: string;
  readonly name: string;
  readonly establishedOn: BusinessDate;
  readonly contributed: Fen;
  readonly paid: Fen;
  readonly recovered: Fen;
  /** The latest published policy; null until the first one. */
  readonly policy: FundPolicy | null;
  readonly banks: Readonly<Record<string, BankStanding>>;
  readonly enrolments: Readonly<Record<string, Enrolment>>;
  readonly paidClaims: Readonly<Record<string, CompensatedClaim>>;
  /** Paid per bank per calendar year, keyed by `bankYearKey`. */
  readonly paidByBankYear: Readonly<Record<string, Fen>>;
}

export type RiskFundState = { readonly status: 'none' } | EstablishedFund;

export const initialRiskFundState: RiskFundState = { status: 'none' };

export function bankYearKey(bankId: string, year: number): string {
  return `${bankId}|${year}`;
}

export function evolveRiskFund(state: RiskFundState, event: RiskFundEvent): RiskFundState {
  if (event.type === 'FundEstablished') {
    return {
      status: 'established',
      fundId: event.data.fundId,
      name: event.data.name,
      establishedOn: event.data.establishedOn,
      contributed: 0n,
      paid: 0n,
      recovered: 0n,
      policy: null,
      banks: {},
      enrolments: {},
      paidClaims: {},
      paidByBankYear: {},
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'FundCapitalContributed':
      return { ...state, contributed: state.contributed + parseMoney(event.data.amount) };
    case 'FundPolicyPublished':
      return { ...state, policy: parseFundPolicy(event.data) };
    case 'BankAdmitted':
      return { ...state, banks: { ...state.banks, [event.data.bankId]: 'admitted' } };
    case 'BankSuspended':
      return { ...state, banks: { ...state.banks, [event.data.bankId]: 'suspended' } };
    case 'BankReinstated':
      return { ...state, banks: { ...state.banks, [event.data.bankId]: 'admitted' } };
    case 'LoanEnrolled': {
      const data = event.data;
      const enrolment: Enrolment = {
        loanId: data.loanId,
        bankId: data.bankId,
        enterpriseId: data.enterpriseId,
        principal: parseMoney(data.principal),
        coveredPrincipal: parseMoney(data.coveredPrincipal),
        coverageRatioBps: data.coverageRatioBps,
        tier: data.tier,
        perLoanCap: parseMoney(data.perLoanCap),
        maxCompensation: parseMoney(data.maxCompensation),
        policyVersion: data.policyVersion,
        enrolledOn: data.enrolledOn,
        status: 'covered',
      };
      return { ...state, enrolments: { ...state.enrolments, [data.loanId]: enrolment } };
    }
    case 'LoanCoverReleased':
      return withEnrolmentStatus(state, event.data.loanId, 'released');
    case 'CompensationPaid': {
      const data = event.data;
      const amount = parseMoney(data.amount);
      const key = bankYearKey(data.bankId, data.year);
      const claim: CompensatedClaim = {
        claimId: data.claimId,
        loanId: data.loanId,
        bankId: data.bankId,
        amount,
        year: data.year,
        recovered: 0n,
        recoveryIds: [],
      };
      return {
        ...withEnrolmentStatus(state, data.loanId, 'compensated'),
        paid: state.paid + amount,
        paidClaims: { ...state.paidClaims, [data.claimId]: claim },
        paidByBankYear: { ...state.paidByBankYear, [key]: (lookup(state.paidByBankYear, key) ?? 0n) + amount },
      };
    }
    case 'RecoveryShareReceived': {
      const amount = parseMoney(event.data.amount);
      const claim = lookup(state.paidClaims, event.data.claimId);
      if (!claim) return state;
      const updated: CompensatedClaim = {
        ...claim,
        recovered: claim.recovered + amount,
        recoveryIds: [...claim.recoveryIds, event.data.recoveryId],
      };
      return {
        ...state,
        recovered: state.recovered + amount,
        paidClaims: { ...state.paidClaims, [claim.claimId]: updated },
      };
    }
    default:
      return assertNever(event);
  }
}

function withEnrolmentStatus(state: EstablishedFund, loanId: string, status: Enrolment['status']): EstablishedFund {
  const enrolment = lookup(state.enrolments, loanId);
  if (!enrolment) return state;
  return { ...state, enrolments: { ...state.enrolments, [loanId]: { ...enrolment, status } } };
}
