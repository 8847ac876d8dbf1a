import type { ClaimCoverData, ClaimEvent, PayoutTrace } from '@pledge-ledger/domain';
import { parseMoney } from '@pledge-ledger/domain';
import { formatPosition, type RecordedEvent } from '@pledge-ledger/event-store';
import type { Projection, ProjectionContext } from '../projections/projection';
import { upsertRows } from '../sql/upsert-rows';
import { asDomainEvent, fenText, loadRows } from '../sql/view-sql';
import { CLAIM_EVENT_TYPES, nextClaimStanding, type ClaimStatus } from './claim-status';

type Tables = 'claims';

export interface ClaimApprovalEntry {
  /** 1 for the first filing, 2 after a rejection and a new filing... */
  readonly filing: number;
  readonly approvedBy: string;
  readonly approvedOn: string;
  readonly approvalsRequired: 1 | 2;
  readonly approvalsSoFar: number;
  readonly fullyApproved: boolean;
  /** ClaimApproved's calculation trace, as recorded. */
  readonly calculation: PayoutTrace;
}

export interface ClaimRejectionEntry {
  readonly filing: number;
  readonly reason: string;
  readonly rejectedBy: string;
  readonly rejectedOn: string;
}

export interface ClaimPaymentRefusalEntry {
  readonly refusedPayout: string;
  readonly code: string;
  readonly reason: string;
  readonly refusedOn: string;
}

export interface ClaimRecoveryShareEntry {
  readonly recoveryId: string;
  readonly recoveryAmount: string;
  readonly fundShare: string;
  readonly cumulativeShared: string;
  readonly sharedOn: string;
}

/** A `claims` row as stored (snake case; money as integer-fen text; JSON columns as text). */
export interface StoredClaim {
  claim_id: string;
  loan_id: string;
  bank_id: string;
  fund_id: string;
  status: string;
  principal_loss: string;
  outstanding_principal_at_default: string;
  recoveries_so_far: string;
  cover: string;
  filed_by: string;
  filed_on: string;
  filings: number;
  approvers: string;
  approvals: string;
  rejections: string;
  paid_amount: string | null;
  paid_on: string | null;
  payment_refusals: string;
  recovery_shares: string;
  cumulative_shared: string;
  last_position: string;
}

export const CLAIM_COLUMNS: readonly (keyof StoredClaim & string)[] = [
  'claim_id',
  'loan_id',
  'bank_id',
  'fund_id',
  'status',
  'principal_loss',
  'outstanding_principal_at_default',
  'recoveries_so_far',
  'cover',
  'filed_by',
  'filed_on',
  'filings',
  'approvers',
  'approvals',
  'rejections',
  'paid_amount',
  'paid_on',
  'payment_refusals',
  'recovery_shares',
  'cumulative_shared',
  'last_position',
];

export const CLAIM_MONEY: ReadonlySet<string> = new Set([
  'principal_loss',
  'outstanding_principal_at_default',
  'recoveries_so_far',
  'paid_amount',
  'cumulative_shared',
]);

/** A claim being folded in memory: the JSON columns parsed. */
export interface ClaimDraft {
  readonly row: Omit<StoredClaim, 'approvers' | 'approvals' | 'rejections' | 'payment_refusals' | 'recovery_shares'>;
  readonly approvers: string[];
  readonly approvals: ClaimApprovalEntry[];
  readonly rejections: ClaimRejectionEntry[];
  readonly paymentRefusals: ClaimPaymentRefusalEntry[];
  readonly recoveryShares: ClaimRecoveryShareEntry[];
}

function draftOf(stored: StoredClaim): ClaimDraft {
  const { approvers, approvals, rejections, payment_refusals, recovery_shares, ...row } = stored;
  return {
    row: { ...row, filings: Number(row.filings) },
    approvers: JSON.parse(approvers) as string[],
    approvals: JSON.parse(approvals) as ClaimApprovalEntry[],
    rejections: JSON.parse(rejections) as ClaimRejectionEntry[],
    paymentRefusals: JSON.parse(payment_refusals) as ClaimPaymentRefusalEntry[],
    recoveryShares: JSON.parse(recovery_shares) as ClaimRecoveryShareEntry[],
  };
}

function storedOf(draft: ClaimDraft): StoredClaim {
  return {
    ...draft.row,
    approvers: JSON.stringify(draft.approvers),
    approvals: JSON.stringify(draft.approvals),
    rejections: JSON.stringify(draft.rejections),
    payment_refusals: JSON.stringify(draft.paymentRefusals),
    recovery_shares: JSON.stringify(draft.recoveryShares),
  };
}

function filed(previous: ClaimDraft | undefined, event: Extract<ClaimEvent, { type: 'ClaimFiled' }>): ClaimDraft {
  const data = event.data;
  const cover: ClaimCoverData = data.cover;
  return {
    row: {
      claim_id: data.claimId,
      loan_id: data.loanId,
      bank_id: data.bankId,
      fund_id: data.fundId,
      status: 'filed',
      principal_loss: fenText(parseMoney(data.principalLoss)),
      outstanding_principal_at_default: fenText(parseMoney(data.outstandingPrincipalAtDefault)),
      recoveries_so_far: fenText(parseMoney(data.recoveriesSoFar)),
      cover: JSON.stringify(cover),
      filed_by: data.filedBy,
      filed_on: data.filedOn,
      filings: (previous?.row.filings ?? 0) + 1,
      paid_amount: null,
      paid_on: null,
      cumulative_shared: '0',
      last_position: '',
    },
    // A new filing starts a new claim; what happened to the earlier ones stays in the history.
    approvers: [],
    approvals: previous?.approvals ?? [],
    rejections: previous?.rejections ?? [],
    paymentRefusals: previous?.paymentRefusals ?? [],
    recoveryShares: previous?.recoveryShares ?? [],
  };
}

/** Folds one claim event into the claim's draft (undefined before its first ClaimFiled). */
export function foldClaim(draft: ClaimDraft | undefined, event: ClaimEvent): ClaimDraft | undefined {
  if (event.type === 'ClaimFiled') return filed(draft, event);
  if (!draft) return undefined;
  const standing = nextClaimStanding({ status: draft.row.status as ClaimStatus, approvers: draft.approvers }, event);
  const next: ClaimDraft = {
    ...draft,
    row: { ...draft.row, status: standing?.status ?? draft.row.status },
    approvers: [...(standing?.approvers ?? draft.approvers)],
  };
  const filing = draft.row.filings;
  switch (event.type) {
    case 'ClaimApproved': {
      const { approvedBy, approvedOn, approvalsRequired, approvalsSoFar, fullyApproved, calculation } = event.data;
      const entry = { filing, approvedBy, approvedOn, approvalsRequired, approvalsSoFar, fullyApproved, calculation };
      return { ...next, approvals: [...next.approvals, entry] };
    }
    case 'ClaimRejected': {
      const { reason, rejectedBy, rejectedOn } = event.data;
      return { ...next, rejections: [...next.rejections, { filing, reason, rejectedBy, rejectedOn }] };
    }
    case 'ClaimPaid':
      return {
        ...next,
        row: { ...next.row, paid_amount: fenText(parseMoney(event.data.amount)), paid_on: event.data.paidOn },
      };
    case 'ClaimPaymentRefused': {
      const { refusedPayout, code, reason, refusedOn } = event.data;
      return { ...next, paymentRefusals: [...next.paymentRefusals, { refusedPayout, code, reason, refusedOn }] };
    }
    case 'RecoveryShared': {
      const { recoveryId, recoveryAmount, fundShare, cumulativeShared, sharedOn } = event.data;
      return {
        ...next,
        row: { ...next.row, cumulative_shared: fenText(parseMoney(cumulativeShared)) },
        recoveryShares: [...next.recoveryShares, { recoveryId, recoveryAmount, fundShare, cumulativeShared, sharedOn }],
      };
    }
  }
}

function claimIdOf(event: RecordedEvent): string {
  return String((event.data as { claimId: unknown }).claimId);
}

/**
 * Keeps `claims`: each claim with its cover, its status, every approval with the calculation
 * trace it was decided on, rejections, the payment, refused payments and recovery shares.
 * Reads the claims a batch touches, folds the batch in memory and writes each claim once.
 */
export const claimsProjection: Projection<Tables> = {
  name: 'claims',
  handles: CLAIM_EVENT_TYPES,
  tables: { claims: 'claims' },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const { manager, tables } = context;
    const stored = await loadRows<StoredClaim>(
      manager,
      tables.claims,
      CLAIM_COLUMNS,
      CLAIM_MONEY,
      'claim_id',
      events.map(claimIdOf),
    );
    const drafts = new Map<string, ClaimDraft>(stored.map((row) => [row.claim_id, draftOf(row)]));
    const touched = new Set<string>();
    for (const event of events) {
      const claimId = claimIdOf(event);
      const draft = foldClaim(drafts.get(claimId), asDomainEvent<ClaimEvent>(event));
      if (!draft) continue;
      drafts.set(claimId, { ...draft, row: { ...draft.row, last_position: formatPosition(event.position) } });
      touched.add(claimId);
    }
    const rows = [...touched].map((id) => storedOf(drafts.get(id)!));
    await upsertRows(context, tables.claims, rows, {
      key: ['claim_id'],
      update: CLAIM_COLUMNS.filter((column) => column !== 'claim_id'),
    });
  },
};
