import type { Actor } from '@pledge-ledger/event-store';
import type { ClaimCoverData, PayoutTrace } from '@pledge-ledger/domain';
import { formatMoney } from '@pledge-ledger/domain';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { fen, pageSize, selectColumns } from '../sql/view-sql';
import {
  CLAIM_COLUMNS,
  CLAIM_MONEY,
  type ClaimApprovalEntry,
  type ClaimPaymentRefusalEntry,
  type ClaimRecoveryShareEntry,
  type ClaimRejectionEntry,
  type StoredClaim,
} from './claim.projection';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import { CLAIM_STATUSES, type ClaimStatus } from './claim-status';

/** A claim as the API shows it: money as two-decimal strings, dates ISO. */
export interface ClaimView {
  readonly claimId: string;
  readonly loanId: string;
  readonly bankId: string;
  readonly fundId: string;
  readonly status: ClaimStatus;
  readonly principalLoss: string;
  readonly outstandingPrincipalAtDefault: string;
  readonly recoveriesSoFar: string;
  /** The cover terms the loan was enrolled under. */
  readonly cover: ClaimCoverData;
  readonly filedBy: string;
  readonly filedOn: string;
  /** 1, or more when a rejected claim was filed again. */
  readonly filings: number;
  /** The payout the current round approves, and who approved it so far (null/[] when none). */
  readonly currentRound: {
    readonly payout: string;
    readonly approvalsRequired: 1 | 2;
    readonly approvers: readonly string[];
    readonly calculation: PayoutTrace;
  } | null;
  /** Every approval, in order, each with the calculation trace it was decided on. */
  readonly approvals: readonly ClaimApprovalEntry[];
  /** The latest rejection when the claim stands rejected; the full list is in `rejections`. */
  readonly rejection: ClaimRejectionEntry | null;
  readonly rejections: readonly ClaimRejectionEntry[];
  readonly payment: { readonly amount: string; readonly paidOn: string } | null;
  readonly paymentRefusals: readonly ClaimPaymentRefusalEntry[];
  readonly recoveryShares: readonly ClaimRecoveryShareEntry[];
  /** What the fund got back from recoveries on this claim. */
  readonly cumulativeShared: string;
  /** formatPosition of the last event applied to the claim. */
  readonly lastPosition: string;
}

export interface ListClaimsQuery {
  readonly status?: ClaimStatus;
  /** Page size, 1 to 500. Default 50. */
  readonly limit?: number;
  /** Cursor: the `nextCursor` of the previous page (a claim id). */
  readonly after?: string;
}

export interface ClaimPage {
  readonly items: ClaimView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface GetClaimQuery {
  readonly claimId: string;
}

/** bank: its own claims only; fund-manager and auditor: every claim. */
const ALLOWED_ROLES = new Set(['bank', 'fund-manager', 'auditor']);

/** The bank a caller is confined to, or null for roles that see every claim. */
function bankScope(caller: Actor): string | null {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError('claims', caller.role);
  if (caller.role !== 'bank') return null;
  // A bank token without its bankId sees nothing rather than everything.
  return caller.bankId ?? '';
}

function claimQuery(readStore: ReadStore, caller: Actor) {
  const scope = bankScope(caller);
  const builder = selectColumns(
    readStore.queries.createQueryBuilder().from('claims', 'c'),
    'c',
    CLAIM_COLUMNS,
    CLAIM_MONEY,
  );
  if (scope !== null) builder.andWhere('c.bank_id = :bankId', { bankId: scope });
  return builder;
}

export function claimView(row: StoredClaim): ClaimView {
  const approvals = JSON.parse(row.approvals) as ClaimApprovalEntry[];
  const rejections = JSON.parse(row.rejections) as ClaimRejectionEntry[];
  const approvers = JSON.parse(row.approvers) as string[];
  const status = row.status as ClaimStatus;
  const last = approvals[approvals.length - 1];
  const inRound = approvers.length > 0 && last !== undefined;
  return {
    claimId: row.claim_id,
    loanId: row.loan_id,
    bankId: row.bank_id,
    fundId: row.fund_id,
    status,
    principalLoss: formatMoney(fen(row.principal_loss)),
    outstandingPrincipalAtDefault: formatMoney(fen(row.outstanding_principal_at_default)),
    recoveriesSoFar: formatMoney(fen(row.recoveries_so_far)),
    cover: JSON.parse(row.cover) as ClaimCoverData,
    filedBy: row.filed_by,
    filedOn: row.filed_on,
    filings: Number(row.filings),
    currentRound: inRound
      ? {
          payout: last.calculation.payout,
          approvalsRequired: last.approvalsRequired,
          approvers,
          calculation: last.calculation,
        }
      : null,
    approvals,
    rejection: status === 'rejected' ? (rejections[rejections.length - 1] ?? null) : null,
    rejections,
    payment: row.paid_amount === null ? null : { amount: formatMoney(fen(row.paid_amount)), paidOn: row.paid_on ?? '' },
    paymentRefusals: JSON.parse(row.payment_refusals) as ClaimPaymentRefusalEntry[],
    recoveryShares: JSON.parse(row.recovery_shares) as ClaimRecoveryShareEntry[],
    cumulativeShared: formatMoney(fen(row.cumulative_shared)),
    lastPosition: row.last_position,
  };
}

/**
 * Claims ordered by claim id, a page at a time (keyset pagination), optionally of one status.
 * A bank sees only its own claims; fund managers and auditors see all; other roles are refused.
 * An unknown status is READ_MODEL.INVALID_QUERY (InvalidReadQueryError).
 */
export async function listClaims(readStore: ReadStore, caller: Actor, query: ListClaimsQuery = {}): Promise<ClaimPage> {
  const limit = pageSize(query.limit);
  const builder = claimQuery(readStore, caller);
  if (query.status !== undefined && !CLAIM_STATUSES.includes(query.status)) {
    throw new InvalidReadQueryError('status', `status must be one of ${CLAIM_STATUSES.join(', ')}`);
  }
  if (query.status !== undefined) builder.andWhere('c.status = :status', { status: query.status });
  if (query.after !== undefined) builder.andWhere('c.claim_id > :after', { after: query.after });
  const rows = (await builder
    .orderBy('c.claim_id', 'ASC')
    .limit(limit + 1)
    .getRawMany()) as StoredClaim[];
  const items = rows.slice(0, limit).map(claimView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].claimId : null };
}

/** One claim, or null when it does not exist or belongs to another bank than the calling bank's. */
export async function getClaim(readStore: ReadStore, caller: Actor, query: GetClaimQuery): Promise<ClaimView | null> {
  const row = (await claimQuery(readStore, caller)
    .andWhere('c.claim_id = :claimId', { claimId: query.claimId })
    .getRawOne()) as StoredClaim | undefined;
  return row ? claimView(row) : null;
}
