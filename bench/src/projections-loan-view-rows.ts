import { initialLoanState, loanPositionAsOf, type LoanState } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import { foldLoanView, type AssetPledge, type Enrolment } from '@pledge-ledger/read-models';

/**
 * The loan view's row for the peer and the ceiling, made as ours makes it: the loan folded with
 * our `foldLoanView` (the domain's evolveLoan, the enrolment, the pledges), then the row's columns.
 * `loanViewRow`, `encodeState` and `decodeState` repeat libs/read-models' loan-view.projection.ts
 * (`toRecord`) and state-json.ts, which the library does not export; the comparison after the
 * runs checks every column, the state's text included, against ours.
 */
export interface FoldedLoan {
  state: LoanState;
  pledges: AssetPledge[];
  enrolment: Enrolment | null;
}

export type LoanViewRow = Record<(typeof LOAN_VIEW_COLUMNS)[number], string | null>;

export const LOAN_VIEW_COLUMNS = [
  'loan_id',
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

const FEN = '$fen';

export function encodeState(state: unknown): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    typeof value === 'bigint' ? { [FEN]: value.toString() } : value,
  );
}

export function decodeState<T>(text: string): T {
  return revive(JSON.parse(text)) as T;
}

/** state-json.ts's one walk of the parsed tree (what a reviver would do, faster). */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object') value[i] = revive(child);
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  let keys = 0;
  for (const key of Object.keys(object)) {
    keys++;
    const child = object[key];
    if (child !== null && typeof child === 'object') {
      const revived = revive(child);
      if (revived !== child) object[key] = revived;
    }
  }
  const fen = object[FEN];
  return keys === 1 && typeof fen === 'string' ? BigInt(fen) : value;
}

export function foldedFromRow(row: { state: string; asset_pledges: string; enrolment: string | null }): FoldedLoan {
  return {
    state: decodeState<LoanState>(row.state),
    pledges: JSON.parse(row.asset_pledges) as AssetPledge[],
    enrolment: row.enrolment === null ? null : (JSON.parse(row.enrolment) as Enrolment),
  };
}

/** Folds one event into a loan; null when the loan is unknown and the event does not start it (as ours). */
export function foldEvent(folded: FoldedLoan | null, event: RecordedEvent): FoldedLoan | null {
  if (!folded) {
    if (event.type !== 'LoanOriginated') return null;
    folded = { state: initialLoanState, pledges: [], enrolment: null };
  }
  foldLoanView(folded, event);
  return folded;
}

function nextDueDate(state: LoanState, lastRepaymentDate: string | null): string | null {
  if (!('disbursement' in state)) return null;
  const position = loanPositionAsOf(state, lastRepaymentDate ?? state.disbursement.valueDate);
  return position?.nextInstalment?.dueDate ?? null;
}

export function loanViewRow(folded: FoldedLoan): LoanViewRow | null {
  const { state } = folded;
  if (state.status === 'none') return null;
  const repayments = 'servicing' in state ? state.servicing.repayments : [];
  const lastRepaymentDate = repayments.length > 0 ? repayments[repayments.length - 1].valueDate : null;
  return {
    loan_id: state.terms.loanId,
    bank_id: state.terms.bankId,
    enterprise_id: state.terms.enterpriseId,
    status: state.status,
    principal: state.terms.principal.toString(),
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

/** libs/read-models' migration 1795564801100-loan-view.ts: keys only, or with its secondary indexes. */
const TABLE = `
CREATE TABLE IF NOT EXISTS loan_view (
  loan_id varchar(200) NOT NULL PRIMARY KEY,
  bank_id varchar(200) NOT NULL,
  enterprise_id varchar(200) NOT NULL,
  status varchar(30) NOT NULL,
  principal bigint NOT NULL,
  origination_date varchar(10) NOT NULL,
  disbursement_date varchar(10),
  last_repayment_date varchar(10),
  next_due_date varchar(10),
  fund_id varchar(200),
  state text NOT NULL,
  asset_pledges text NOT NULL,
  enrolment text
);`;

const INDEXES = `
CREATE INDEX IF NOT EXISTS loan_view_by_bank ON loan_view (bank_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_enterprise ON loan_view (enterprise_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_fund ON loan_view (fund_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_next_due_date ON loan_view (next_due_date);`;

export const LOAN_VIEW_DDL = { keysOnly: TABLE, withIndexes: TABLE + INDEXES } as const;

/** `INSERT ... ON CONFLICT (loan_id) DO UPDATE` every other column, as ours upserts. */
export const LOAN_VIEW_UPSERT_SET = LOAN_VIEW_COLUMNS.filter((column) => column !== 'loan_id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');
