import type { RecordedEvent } from '@pledge-ledger/event-store';
import { initialLoanState, loanPositionAsOf, type LoanState } from '@pledge-ledger/domain';
import type { Projection, ProjectionContext } from '../projections/projection';
import { upsertRows } from '../sql/upsert-rows';
import { evolveLoanFromRecord, isLoanEvent, LOAN_EVENT_TYPES, loanIdOf } from './loan-events';
import { decodeState, encodeState } from './state-json';

type Tables = 'loans';

/** A pledged asset as the loan sees it: asked for at origination, then what the asset's stream recorded. */
export interface AssetPledge {
  readonly assetId: string;
  readonly registrationNumber: string;
  readonly status: 'pending' | 'pledged' | 'refused' | 'released' | 'enforced';
  readonly registeredOn: string | null;
  readonly refusalReasons: readonly string[];
  readonly releasedOn: string | null;
  readonly releaseReason: string | null;
  readonly enforcedOn: string | null;
  /** Two-decimal string, for an enforcement. */
  readonly saleProceeds: string | null;
}

/** The fund's side of the coverage (LoanEnrolled), money as two-decimal strings. */
export interface Enrolment {
  readonly fundId: string;
  readonly coverageRatioBps: number;
  readonly coveredPrincipal: string;
  readonly maxCompensation: string;
  readonly policyVersion: number;
  readonly defaultThresholdDays: number;
  readonly enrolledOn: string;
  readonly coverReleasedOn: string | null;
}

/** A loan_view row as the projection writes it. */
export interface LoanViewRecord {
  loan_id: string;
  bank_id: string;
  enterprise_id: string;
  status: string;
  principal: bigint;
  origination_date: string;
  disbursement_date: string | null;
  last_repayment_date: string | null;
  next_due_date: string | null;
  fund_id: string | null;
  state: string;
  asset_pledges: string;
  enrolment: string | null;
}

/** One loan as the projection folds it: the domain's state, its pledges and its enrolment. */
export interface FoldedLoan {
  state: LoanState;
  pledges: AssetPledge[];
  enrolment: Enrolment | null;
}

const OTHER_EVENTS = ['LoanEnrolled', 'LoanCoverReleased', 'PledgeRegistered', 'PledgeReleased', 'PledgeEnforced'];

/** loan_view's columns other than its key: what an upsert of a loan's row sets. */
export const LOAN_VIEW_UPDATED_COLUMNS = [
  'bank_id',
  'enterprise_id',
  'status',
  'principal',
  'origination_date',
  'disbursement_date',
  'last_repayment_date',
  'next_due_date',
  'fund_id',
  'state',
  'asset_pledges',
  'enrolment',
] as const;

const CHUNK = 1000;

function newPledge(assetId: string, registrationNumber: string): AssetPledge {
  return {
    assetId,
    registrationNumber,
    status: 'pending',
    registeredOn: null,
    refusalReasons: [],
    releasedOn: null,
    releaseReason: null,
    enforcedOn: null,
    saleProceeds: null,
  };
}

function updatePledge(folded: FoldedLoan, assetId: string, change: Partial<AssetPledge>): void {
  folded.pledges = folded.pledges.map((pledge) => (pledge.assetId === assetId ? { ...pledge, ...change } : pledge));
}

/** Folds one event into the loan's state and what the loan view keeps beside it. */
export function foldLoanView(folded: FoldedLoan, event: RecordedEvent): void {
  const data = event.data as Record<string, never>;
  if (isLoanEvent(event)) {
    folded.state = evolveLoanFromRecord(folded.state, event);
    if (event.type === 'LoanOriginated') {
      const pledges = data.pledges as unknown as Array<{ assetId: string; registrationNumber: string }>;
      folded.pledges = pledges.map((p) => newPledge(p.assetId, p.registrationNumber));
    } else if (event.type === 'LoanPledgeRefused') {
      const refusals = data.refusals as unknown as Array<{ assetId: string; reasons: string[] }>;
      for (const refusal of refusals) {
        updatePledge(folded, refusal.assetId, { status: 'refused', refusalReasons: refusal.reasons });
      }
    }
    return;
  }
  switch (event.type) {
    case 'LoanEnrolled':
      folded.enrolment = {
        fundId: data.fundId,
        coverageRatioBps: data.coverageRatioBps,
        coveredPrincipal: data.coveredPrincipal,
        maxCompensation: data.maxCompensation,
        policyVersion: data.policyVersion,
        defaultThresholdDays: data.defaultThresholdDays,
        enrolledOn: data.enrolledOn,
        coverReleasedOn: null,
      };
      return;
    case 'LoanCoverReleased':
      if (folded.enrolment) folded.enrolment = { ...folded.enrolment, coverReleasedOn: data.releasedOn };
      return;
    case 'PledgeRegistered':
      updatePledge(folded, data.ipAssetId, { status: 'pledged', registeredOn: data.pledgeDate });
      return;
    case 'PledgeReleased':
      updatePledge(folded, data.ipAssetId, {
        status: 'released',
        releasedOn: data.releaseDate,
        releaseReason: data.reason,
      });
      return;
    case 'PledgeEnforced':
      updatePledge(folded, data.ipAssetId, {
        status: 'enforced',
        enforcedOn: data.enforcementDate,
        saleProceeds: data.saleProceeds,
      });
      return;
  }
}

/**
 * The due date of the oldest instalment not covered by every repayment recorded: positionAsOf
 * as of the last repayment (or the disbursement) counts them all, and its next instalment does
 * not depend on the date once they are all counted.
 */
function nextDueDate(state: LoanState, lastRepaymentDate: string | null): string | null {
  if (!('disbursement' in state)) return null;
  const position = loanPositionAsOf(state, lastRepaymentDate ?? state.disbursement.valueDate);
  return position?.nextInstalment?.dueDate ?? null;
}

/** The row of a folded loan; null while the loan has not been originated. */
export function loanViewRecord(folded: FoldedLoan): LoanViewRecord | null {
  const { state } = folded;
  if (state.status === 'none') return null;
  const repayments = 'servicing' in state ? state.servicing.repayments : [];
  const lastRepaymentDate = repayments.length > 0 ? repayments[repayments.length - 1].valueDate : null;
  return {
    loan_id: state.terms.loanId,
    bank_id: state.terms.bankId,
    enterprise_id: state.terms.enterpriseId,
    status: state.status,
    principal: state.terms.principal,
    origination_date: state.terms.originationDate,
    disbursement_date: 'disbursement' in state ? state.disbursement.valueDate : null,
    last_repayment_date: lastRepaymentDate,
    next_due_date: nextDueDate(state, lastRepaymentDate),
    fund_id: folded.enrolment?.fundId ?? state.coverage?.fundId ?? null,
    state: encodeState(state),
    asset_pledges: JSON.stringify(folded.pledges),
    enrolment: folded.enrolment ? JSON.stringify(folded.enrolment) : null,
  };
}

/** A stored loan_view row, folded back: what the next events are folded onto. */
export function foldedLoanFromRow(row: Readonly<Record<string, unknown>>): FoldedLoan {
  return {
    state: decodeState<LoanState>(String(row.state)),
    pledges: JSON.parse(String(row.asset_pledges)) as AssetPledge[],
    enrolment: row.enrolment === null ? null : (JSON.parse(String(row.enrolment)) as Enrolment),
  };
}

/**
 * Folds one event into a loan (`folded` changes in place) and returns it; a loan not known yet
 * starts only with LoanOriginated: anything else about an unknown loan changes nothing (null).
 */
export function foldLoanEvent(folded: FoldedLoan | null, event: RecordedEvent): FoldedLoan | null {
  if (!folded) {
    if (event.type !== 'LoanOriginated') return null;
    folded = { state: initialLoanState, pledges: [], enrolment: null };
  }
  foldLoanView(folded, event);
  return folded;
}

/** Loads the rows of the loans `events` are about, keyed by loan id. */
export async function loadLoanRows(
  context: ProjectionContext,
  table: string,
  loanIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < loanIds.length; i += CHUNK) {
    const ids = loanIds.slice(i, i + CHUNK);
    const existing: Array<Record<string, unknown>> = await context.manager
      .createQueryBuilder()
      .select('*')
      .from(table, 'l')
      .where('l.loan_id IN (:...ids)', { ids })
      .getRawMany();
    for (const row of existing) rows.set(String(row.loan_id), row);
  }
  return rows;
}

/**
 * Keeps `loan_view`: the loan's events folded with the domain's evolveLoan, the fund's enrolment
 * of it, and the pledge events of its assets. Each loan is read once and written once per batch.
 */
export const loanViewProjection: Projection<Tables> = {
  name: 'loan-view',
  handles: new Set<string>([...LOAN_EVENT_TYPES, ...OTHER_EVENTS]),
  tables: { loans: 'loan_view' },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const ids = [...new Set(events.map(loanIdOf))];
    const stored = await loadLoanRows(context, context.tables.loans, ids);
    const folded = new Map<string, FoldedLoan>();
    for (const [id, row] of stored) folded.set(id, foldedLoanFromRow(row));
    for (const event of events) {
      const id = loanIdOf(event);
      const loan = foldLoanEvent(folded.get(id) ?? null, event);
      if (loan) folded.set(id, loan);
    }
    const rows = [...folded.values()].map(loanViewRecord).filter((row): row is LoanViewRecord => row !== null);
    await upsertRows(context, context.tables.loans, rows, { key: ['loan_id'], update: LOAN_VIEW_UPDATED_COLUMNS });
  },
};
