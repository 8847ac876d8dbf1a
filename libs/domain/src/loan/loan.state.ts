import type { BasisPoints } from '../shared/basis-points';
import type { BusinessDate } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import type { DelinquencyBucket, Instalment, Repayment, RepaymentMethod } from './arithmetic';
import type {
  InstalmentData,
  LoanEvent,
  PledgeRefusalData,
  PledgeRegistrationData,
  RecoverySource,
} from './loan.events';
import { RepaymentLog } from './repayment-log';

/** What origination fixed. */
export interface LoanTerms {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly principal: Fen;
  readonly annualRateBps: BasisPoints;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  readonly originationDate: BusinessDate;
  readonly plannedMaturityDate: BusinessDate;
  readonly pledgedAssetIds: readonly string[];
}

/** Recorded once the fund enrolled the loan: its coverage and the default threshold of its policy. */
export interface FundCoverage {
  readonly fundId: string;
  readonly coverageRatioBps: BasisPoints;
  readonly coveredPrincipal: Fen;
  readonly policyVersion: number;
  readonly defaultThresholdDays: number;
}

export interface Disbursement {
  readonly valueDate: BusinessDate;
  readonly maturityDate: BusinessDate;
  readonly schedule: readonly Instalment[];
}

export interface DelinquencyAssessment {
  readonly asOf: BusinessDate;
  readonly daysPastDue: number;
  readonly bucket: DelinquencyBucket;
  readonly principalDue: Fen;
  readonly interestDue: Fen;
}

/**
 * What was repaid. `evolveLoan` keeps the repayments in a RepaymentLog (see `repaymentLogOf`), so
 * folding one more costs O(1) however many came before, and builds this array only when
 * `repayments` is first read (then keeps it): read it when you need every repayment, and use
 * `repaymentLogOf` (the last one, running totals) or `loanPositionAsOf` otherwise.
 */
export interface Servicing {
  /** In value-date order (the decider refuses a repayment dated before the last one). */
  readonly repayments: readonly Repayment[];
  readonly principalRepaid: Fen;
  readonly interestRepaid: Fen;
  readonly lastAssessment: DelinquencyAssessment | null;
}

export interface DefaultRecord {
  readonly asOf: BusinessDate;
  readonly daysPastDue: number;
  readonly thresholdDays: number;
  readonly outstandingPrincipal: Fen;
}

export interface Recovery {
  readonly valueDate: BusinessDate;
  readonly amount: Fen;
  readonly costs: Fen;
  readonly source: RecoverySource;
  readonly assetId: string | null;
}

export interface Recoveries {
  readonly items: readonly Recovery[];
  readonly totalRecovered: Fen;
}

interface Originated {
  readonly terms: LoanTerms;
  readonly coverage: FundCoverage | null;
}

interface Disbursed extends Originated {
  readonly pledges: readonly PledgeRegistrationData[];
  readonly disbursement: Disbursement;
  readonly servicing: Servicing;
}

interface InDefault extends Disbursed {
  readonly default: DefaultRecord;
  readonly recoveries: Recoveries;
}

export type LoanState =
  | { readonly status: 'none' }
  | (Originated & { readonly status: 'originated' })
  | (Originated & { readonly status: 'pledges-refused'; readonly refusals: readonly PledgeRefusalData[] })
  | (Originated & { readonly status: 'pledges-secured'; readonly pledges: readonly PledgeRegistrationData[] })
  | (Disbursed & { readonly status: 'active' })
  | (Disbursed & { readonly status: 'repaid'; readonly repaidOn: BusinessDate })
  | (InDefault & { readonly status: 'defaulted' })
  | (InDefault & {
      readonly status: 'written-off';
      readonly writeOff: { readonly valueDate: BusinessDate; readonly amount: Fen };
    });

export type LoanStatus = LoanState['status'];
export type ExistingLoanState = Exclude<LoanState, { status: 'none' }>;
export type DisbursedLoanState = Extract<LoanState, { disbursement: Disbursement }>;

export const initialLoanState: LoanState = { status: 'none' };

/**
 * Folds one event into the state. Events arrive only in the orders `decide` produces; one that
 * does not fit the current status (a corrupted stream) leaves the state unchanged.
 */
export function evolveLoan(state: LoanState, event: LoanEvent): LoanState {
  switch (event.type) {
    case 'LoanOriginated': {
      const d = event.data;
      return {
        status: 'originated',
        coverage: null,
        terms: {
          loanId: d.loanId,
          bankId: d.bankId,
          enterpriseId: d.enterpriseId,
          principal: parseMoney(d.principal),
          annualRateBps: d.annualRateBps,
          termMonths: d.termMonths,
          repaymentMethod: d.repaymentMethod,
          originationDate: d.originationDate,
          plannedMaturityDate: d.maturityDate,
          pledgedAssetIds: d.pledgedAssetIds,
        },
      };
    }
    case 'LoanPledgesSecured':
      if (state.status !== 'originated') return state;
      return { status: 'pledges-secured', terms: state.terms, coverage: state.coverage, pledges: event.data.pledges };
    case 'LoanPledgeRefused':
      if (state.status !== 'originated') return state;
      return { status: 'pledges-refused', terms: state.terms, coverage: state.coverage, refusals: event.data.refusals };
    case 'LoanDisbursed':
      if (state.status !== 'pledges-secured') return state;
      return {
        status: 'active',
        terms: state.terms,
        coverage: state.coverage,
        pledges: state.pledges,
        disbursement: {
          valueDate: event.data.valueDate,
          maturityDate: event.data.maturityDate,
          schedule: event.data.schedule.map(instalmentFromData),
        },
        servicing: servicingOf(RepaymentLog.empty, 0n, 0n, null),
      };
    case 'RepaymentReceived': {
      if (state.status !== 'active') return state;
      const repayment: Repayment = {
        valueDate: event.data.valueDate,
        principal: parseMoney(event.data.principal),
        interest: parseMoney(event.data.interest),
      };
      const { servicing } = state;
      return {
        ...state,
        servicing: servicingOf(
          repaymentLogOf(servicing).append(repayment),
          servicing.principalRepaid + repayment.principal,
          servicing.interestRepaid + repayment.interest,
          servicing.lastAssessment,
        ),
      };
    }
    case 'LoanRepaid':
      if (state.status !== 'active') return state;
      return { ...state, status: 'repaid', repaidOn: event.data.valueDate };
    case 'LoanDelinquencyAssessed': {
      if (state.status !== 'active') return state;
      const d = event.data;
      const lastAssessment: DelinquencyAssessment = {
        asOf: d.asOf,
        daysPastDue: d.daysPastDue,
        bucket: d.bucket,
        principalDue: parseMoney(d.principalDue),
        interestDue: parseMoney(d.interestDue),
      };
      const { servicing } = state;
      return {
        ...state,
        servicing: servicingOf(
          repaymentLogOf(servicing),
          servicing.principalRepaid,
          servicing.interestRepaid,
          lastAssessment,
        ),
      };
    }
    case 'LoanDefaulted':
      if (state.status !== 'active') return state;
      return {
        ...state,
        status: 'defaulted',
        default: {
          asOf: event.data.asOf,
          daysPastDue: event.data.daysPastDue,
          thresholdDays: event.data.thresholdDays,
          outstandingPrincipal: parseMoney(event.data.outstandingPrincipal),
        },
        recoveries: { items: [], totalRecovered: 0n },
      };
    case 'RecoveryRecorded': {
      if (state.status !== 'defaulted') return state;
      const d = event.data;
      const recovery: Recovery = {
        valueDate: d.valueDate,
        amount: parseMoney(d.amount),
        costs: parseMoney(d.costs),
        source: d.source,
        assetId: d.assetId,
      };
      return {
        ...state,
        recoveries: {
          items: [...state.recoveries.items, recovery],
          totalRecovered: state.recoveries.totalRecovered + recovery.amount,
        },
      };
    }
    case 'LoanWrittenOff':
      if (state.status !== 'defaulted') return state;
      return {
        ...state,
        status: 'written-off',
        writeOff: { valueDate: event.data.valueDate, amount: parseMoney(event.data.amount) },
      };
    case 'LoanFundCoverageRecorded': {
      if (state.status === 'none') return state;
      const d = event.data;
      return {
        ...state,
        coverage: {
          fundId: d.fundId,
          coverageRatioBps: d.coverageRatioBps,
          coveredPrincipal: parseMoney(d.coveredPrincipal),
          policyVersion: d.policyVersion,
          defaultThresholdDays: d.defaultThresholdDays,
        },
      };
    }
    default:
      return assertNever(event);
  }
}

/** Where a Servicing that `servicingOf` made keeps its RepaymentLog: a non-enumerable property. */
const LOG = Symbol('repaymentLog');

/** The `repayments` getter of every Servicing `servicingOf` makes (one function, shared). */
function repaymentsOfLog(this: Servicing): readonly Repayment[] {
  return repaymentLogOf(this).toArray();
}

/**
 * A Servicing whose `repayments` are those of `log`, as an array built on first read. The
 * property is an enumerable getter, so JSON.stringify and deep equality see the plain array a
 * Servicing always had; the log itself is a non-enumerable property they do not see. Never spread
 * a Servicing (`{ ...servicing }` would build that array and lose the log): make a new one here.
 */
export function servicingOf(
  log: RepaymentLog,
  principalRepaid: Fen,
  interestRepaid: Fen,
  lastAssessment: DelinquencyAssessment | null,
): Servicing {
  const servicing = Object.defineProperty({}, 'repayments', { get: repaymentsOfLog, enumerable: true }) as {
    -readonly [K in keyof Servicing]: Servicing[K];
  };
  servicing.principalRepaid = principalRepaid;
  servicing.interestRepaid = interestRepaid;
  servicing.lastAssessment = lastAssessment;
  return Object.defineProperty(servicing, LOG, { value: log });
}

/** RepaymentLogs built for Servicing made elsewhere, so each is built once. */
const logsOfPlainServicing = new WeakMap<Servicing, RepaymentLog>();

/**
 * The repayments of `servicing` as a RepaymentLog: the one `evolveLoan` keeps, or, for a Servicing
 * made elsewhere (decoded from JSON, written out in a test), one built from its array once and
 * remembered.
 */
export function repaymentLogOf(servicing: Servicing): RepaymentLog {
  const kept = (servicing as { readonly [LOG]?: RepaymentLog })[LOG];
  if (kept !== undefined) return kept;
  let built = logsOfPlainServicing.get(servicing);
  if (built === undefined) {
    built = RepaymentLog.of(servicing.repayments);
    logsOfPlainServicing.set(servicing, built);
  }
  return built;
}

function instalmentFromData(data: InstalmentData): Instalment {
  return {
    number: data.number,
    dueDate: data.dueDate,
    principal: parseMoney(data.principal),
    interest: parseMoney(data.interest),
  };
}
