import type { Actor } from '@pledge-ledger/event-store';
import {
  formatMoney,
  loanPositionAsOf,
  parseBusinessDate,
  type DelinquencyBucket,
  type Instalment,
  type LoanState,
  type LoanStatus,
} from '@pledge-ledger/domain';
import type { SelectQueryBuilder } from 'typeorm';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import { DELINQUENCY_BUCKETS, whereMayBeInBucket } from './loan-bucket-filter';
import type { AssetPledge, Enrolment } from './loan-view.projection';
import { LoanViewRow } from './loan-view.entity';
import { decodeState } from './state-json';

export type ExistingLoanStatus = Exclude<LoanStatus, 'none'>;

export const LOAN_STATUSES: readonly ExistingLoanStatus[] = [
  'originated',
  'pledges-secured',
  'pledges-refused',
  'active',
  'repaid',
  'defaulted',
  'written-off',
];

export interface InstalmentView {
  readonly number: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
}

/** Where the loan stands on `asOf` (the domain's loanPositionAsOf); money as two-decimal strings. */
export interface LoanPositionView {
  readonly asOf: string;
  readonly outstandingPrincipal: string;
  /** Principal fallen due on or before asOf and not repaid. */
  readonly principalDue: string;
  /** Interest fallen due on or before asOf and not repaid. */
  readonly interestDue: string;
  readonly daysPastDue: number;
  readonly bucket: DelinquencyBucket;
  /** The oldest instalment not fully covered (overdue, due on asOf, or the next); null once all is paid. */
  readonly nextInstalment: InstalmentView | null;
}

export interface LoanSummary {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly status: ExistingLoanStatus;
  readonly principal: string;
  readonly originationDate: string;
  /** Due date of the last instalment once disbursed; until then the planned maturity. */
  readonly maturityDate: string;
  readonly fundId: string | null;
  /** Null before disbursement. */
  readonly position: LoanPositionView | null;
}

export interface LoanDetail extends LoanSummary {
  readonly annualRateBps: number;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly plannedMaturityDate: string;
  readonly disbursementDate: string | null;
  /** The schedule fixed at disbursement (LoanDisbursed); empty before. */
  readonly schedule: readonly InstalmentView[];
  readonly pledgedAssets: readonly AssetPledge[];
  readonly repayments: ReadonlyArray<{ valueDate: string; amount: string; principal: string; interest: string }>;
  readonly principalRepaid: string;
  readonly interestRepaid: string;
  readonly repaidOn: string | null;
  /** The latest LoanDelinquencyAssessed (the bank's own assessment, as of its date). */
  readonly lastAssessment: {
    asOf: string;
    daysPastDue: number;
    bucket: DelinquencyBucket;
    principalDue: string;
    interestDue: string;
  } | null;
  readonly default: {
    asOf: string;
    daysPastDue: number;
    thresholdDays: number;
    outstandingPrincipal: string;
  } | null;
  readonly recoveries: ReadonlyArray<{
    valueDate: string;
    amount: string;
    costs: string;
    source: string;
    assetId: string | null;
  }>;
  readonly totalRecovered: string | null;
  readonly writeOff: { valueDate: string; amount: string } | null;
  /**
   * The fund's coverage: from LoanEnrolled (with the most the fund may pay and the enrolment date)
   * and/or LoanFundCoverageRecorded (the loan's own record of it). Null if not enrolled.
   */
  readonly fundCoverage: {
    fundId: string;
    coverageRatioBps: number;
    coveredPrincipal: string;
    policyVersion: number;
    defaultThresholdDays: number;
    maxCompensation: string | null;
    enrolledOn: string | null;
    coverReleasedOn: string | null;
    /** True once the loan itself recorded the coverage (LoanFundCoverageRecorded). */
    recordedOnLoan: boolean;
  } | null;
}

export interface GetLoanQuery {
  readonly loanId: string;
  /** ISO date the figures are computed as of; default today (UTC). */
  readonly asOf?: string;
}

export interface ListLoansQuery {
  /** The loan's current status. */
  readonly status?: ExistingLoanStatus;
  /** Delinquency bucket as of `asOf` (only disbursed loans have one). */
  readonly bucket?: DelinquencyBucket;
  /** ISO date the figures and the bucket are computed as of; default today (UTC). */
  readonly asOf?: string;
  /** Page size, 1 to 500. Default 50. */
  readonly limit?: number;
  /** Cursor: the `nextCursor` of the previous page. */
  readonly after?: string;
}

export interface LoanPage {
  readonly items: LoanSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

const VIEW = 'loans';

/**
 * Tenancy, inside the query: a bank its own loans, an enterprise its own, a fund manager the
 * loans enrolled in the fund, an auditor all. Admin is not among the roles DESIGN.md gives loans.
 */
function scope(builder: SelectQueryBuilder<LoanViewRow>, caller: Actor): void {
  switch (caller.role) {
    case 'bank':
      if (!caller.bankId) throw new ReadAccessDeniedError(VIEW, caller.role);
      builder.andWhere('l.bankId = :callerBankId', { callerBankId: caller.bankId });
      return;
    case 'enterprise':
      if (!caller.enterpriseId) throw new ReadAccessDeniedError(VIEW, caller.role);
      builder.andWhere('l.enterpriseId = :callerEnterpriseId', { callerEnterpriseId: caller.enterpriseId });
      return;
    case 'fund-manager':
      builder.andWhere('l.fundId IS NOT NULL');
      return;
    case 'auditor':
      return;
    default:
      throw new ReadAccessDeniedError(VIEW, caller.role);
  }
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function asOfDate(asOf: string | undefined): string {
  if (asOf === undefined) return todayUtc();
  try {
    return parseBusinessDate(asOf, 'asOf');
  } catch (error) {
    throw new InvalidReadQueryError('asOf', (error as Error).message);
  }
}

const money = (fen: bigint): string => formatMoney(fen);

function instalmentView(instalment: Instalment): InstalmentView {
  return {
    number: instalment.number,
    dueDate: instalment.dueDate,
    principal: money(instalment.principal),
    interest: money(instalment.interest),
  };
}

/** The loan's position as of `asOf`, from the stored state, with the domain's loanPositionAsOf. */
export function positionView(state: LoanState, asOf: string): LoanPositionView | null {
  const position = loanPositionAsOf(state, asOf);
  if (!position) return null;
  return {
    asOf,
    outstandingPrincipal: money(position.outstandingPrincipal),
    principalDue: money(position.principalDue),
    interestDue: money(position.interestDue),
    daysPastDue: position.daysPastDue,
    bucket: position.bucket,
    nextInstalment: position.nextInstalment ? instalmentView(position.nextInstalment) : null,
  };
}

type Existing = Exclude<LoanState, { status: 'none' }>;

function summary(row: LoanViewRow, state: Existing, asOf: string): LoanSummary {
  return {
    loanId: row.loanId,
    bankId: state.terms.bankId,
    enterpriseId: state.terms.enterpriseId,
    status: state.status,
    principal: money(state.terms.principal),
    originationDate: state.terms.originationDate,
    maturityDate: 'disbursement' in state ? state.disbursement.maturityDate : state.terms.plannedMaturityDate,
    fundId: row.fundId,
    position: positionView(state, asOf),
  };
}

function detail(row: LoanViewRow, asOf: string): LoanDetail {
  const state = decodeState<Existing>(row.state);
  const enrolment = row.enrolment === null ? null : (JSON.parse(row.enrolment) as Enrolment);
  const coverage = state.coverage;
  const servicing = 'servicing' in state ? state.servicing : null;
  const inDefault = 'default' in state ? state : null;
  return {
    ...summary(row, state, asOf),
    annualRateBps: state.terms.annualRateBps,
    termMonths: state.terms.termMonths,
    repaymentMethod: state.terms.repaymentMethod,
    plannedMaturityDate: state.terms.plannedMaturityDate,
    disbursementDate: 'disbursement' in state ? state.disbursement.valueDate : null,
    schedule: 'disbursement' in state ? state.disbursement.schedule.map(instalmentView) : [],
    pledgedAssets: JSON.parse(row.assetPledges) as AssetPledge[],
    repayments: (servicing?.repayments ?? []).map((r) => ({
      valueDate: r.valueDate,
      amount: money(r.principal + r.interest),
      principal: money(r.principal),
      interest: money(r.interest),
    })),
    principalRepaid: money(servicing?.principalRepaid ?? 0n),
    interestRepaid: money(servicing?.interestRepaid ?? 0n),
    repaidOn: state.status === 'repaid' ? state.repaidOn : null,
    lastAssessment: servicing?.lastAssessment
      ? {
          asOf: servicing.lastAssessment.asOf,
          daysPastDue: servicing.lastAssessment.daysPastDue,
          bucket: servicing.lastAssessment.bucket,
          principalDue: money(servicing.lastAssessment.principalDue),
          interestDue: money(servicing.lastAssessment.interestDue),
        }
      : null,
    default: inDefault
      ? {
          asOf: inDefault.default.asOf,
          daysPastDue: inDefault.default.daysPastDue,
          thresholdDays: inDefault.default.thresholdDays,
          outstandingPrincipal: money(inDefault.default.outstandingPrincipal),
        }
      : null,
    recoveries: (inDefault?.recoveries.items ?? []).map((r) => ({
      valueDate: r.valueDate,
      amount: money(r.amount),
      costs: money(r.costs),
      source: r.source,
      assetId: r.assetId,
    })),
    totalRecovered: inDefault ? money(inDefault.recoveries.totalRecovered) : null,
    writeOff:
      state.status === 'written-off'
        ? { valueDate: state.writeOff.valueDate, amount: money(state.writeOff.amount) }
        : null,
    fundCoverage:
      enrolment || coverage
        ? {
            fundId: enrolment?.fundId ?? coverage!.fundId,
            coverageRatioBps: enrolment?.coverageRatioBps ?? coverage!.coverageRatioBps,
            coveredPrincipal: enrolment?.coveredPrincipal ?? money(coverage!.coveredPrincipal),
            policyVersion: enrolment?.policyVersion ?? coverage!.policyVersion,
            defaultThresholdDays: enrolment?.defaultThresholdDays ?? coverage!.defaultThresholdDays,
            maxCompensation: enrolment?.maxCompensation ?? null,
            enrolledOn: enrolment?.enrolledOn ?? null,
            coverReleasedOn: enrolment?.coverReleasedOn ?? null,
            recordedOnLoan: coverage !== null,
          }
        : null,
  };
}

/** One loan with its schedule and its figures as of `asOf`; null when unknown or not the caller's to see. */
export async function getLoan(readStore: ReadStore, caller: Actor, query: GetLoanQuery): Promise<LoanDetail | null> {
  const builder = readStore.queries.getRepository(LoanViewRow).createQueryBuilder('l');
  scope(builder, caller);
  const asOf = asOfDate(query.asOf);
  const row = await builder.andWhere('l.loanId = :loanId', { loanId: query.loanId }).getOne();
  return row ? detail(row, asOf) : null;
}

function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 50), 1), 500);
}

/**
 * The caller's loans ordered by id, a page at a time (keyset: stable while loans are added).
 * `status` is the loan's status now; `bucket` is computed as of `asOf` (see loan-view.entity.ts:
 * an indexed range of next_due_date, each candidate confirmed with the domain's positionAsOf).
 */
export async function listLoans(readStore: ReadStore, caller: Actor, query: ListLoansQuery = {}): Promise<LoanPage> {
  const limit = pageSize(query.limit);
  const asOf = asOfDate(query.asOf);
  if (query.status !== undefined && !LOAN_STATUSES.includes(query.status)) {
    throw new InvalidReadQueryError('status', `status must be one of ${LOAN_STATUSES.join(', ')}`);
  }
  if (query.bucket !== undefined && !DELINQUENCY_BUCKETS.includes(query.bucket)) {
    throw new InvalidReadQueryError('bucket', `bucket must be one of ${DELINQUENCY_BUCKETS.join(', ')}`);
  }
  const items: LoanSummary[] = [];
  let cursor = query.after;
  for (;;) {
    const builder = readStore.queries.getRepository(LoanViewRow).createQueryBuilder('l');
    scope(builder, caller);
    if (query.status !== undefined) builder.andWhere('l.status = :status', { status: query.status });
    if (query.bucket !== undefined) whereMayBeInBucket(builder as SelectQueryBuilder<object>, query.bucket, asOf);
    if (cursor !== undefined) builder.andWhere('l.loanId > :after', { after: cursor });
    const rows = await builder
      .orderBy('l.loanId', 'ASC')
      .limit(limit + 1)
      .getMany();
    for (const row of rows) {
      const item = summary(row, decodeState<Existing>(row.state), asOf);
      if (query.bucket !== undefined && item.position?.bucket !== query.bucket) continue;
      items.push(item);
      if (items.length > limit) break;
    }
    if (items.length > limit || rows.length <= limit) break;
    cursor = rows[rows.length - 1].loanId;
  }
  const page = items.slice(0, limit);
  return { items: page, nextCursor: items.length > limit ? page[page.length - 1].loanId : null };
}
