import type { Actor } from '@pledge-ledger/event-store';
import {
  asSealedContact,
  compareDates,
  formatMoney,
  type DelinquencyBucket,
  type LoanState,
  type SealedContact,
} from '@pledge-ledger/domain';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { asOfDate, positionView, type InstalmentView } from '../loans/loan-view.query';
import { decodeState } from '../loans/state-json';
import {
  EnterpriseDashboardAssetRow,
  EnterpriseDashboardEnterpriseRow,
  EnterpriseDashboardLoanRow,
} from './enterprise-dashboard.entity';

export interface GetEnterpriseDashboardQuery {
  readonly enterpriseId: string;
  /** ISO date the loans' figures are computed as of; default today (UTC). */
  readonly asOf?: string;
}

export interface EnterpriseLoanLine {
  readonly loanId: string;
  readonly bankId: string;
  readonly status: string;
  readonly principal: string;
  /** As of `asOf` (the loans view's figure); null before disbursement. */
  readonly outstandingPrincipal: string | null;
  readonly daysPastDue: number | null;
  readonly bucket: DelinquencyBucket | null;
  /** The loan's oldest instalment not fully paid; null before disbursement or once all is paid. */
  readonly nextInstalment: InstalmentView | null;
}

/**
 * The contact person as the read model holds it: still sealed (the API opens it with the
 * person's key, which may have been destroyed since), erased, or never given.
 */
export type StoredContact =
  | { readonly status: 'none' }
  | { readonly status: 'erased' }
  | { readonly status: 'held'; readonly sealed: SealedContact };

export interface EnterpriseDashboard {
  readonly enterpriseId: string;
  readonly name: string;
  readonly region: string;
  readonly size: string;
  readonly contact: StoredContact;
  readonly asOf: string;
  /** Every loan it borrows, by loan id. */
  readonly loans: EnterpriseLoanLine[];
  /**
   * Across its active loans, the instalment that falls (or fell) due first: an overdue one comes
   * before the next one to fall due. Null when no active loan has one.
   */
  readonly nextInstalmentDue: (InstalmentView & { loanId: string; bankId: string; overdue: boolean }) | null;
  /** The assets it (co-)owns that have a live pledge, by asset id. */
  readonly pledgedAssets: Array<{
    ipAssetId: string;
    kind: string;
    number: string;
    title: string;
    loanId: string;
    pledgeeBankId: string;
    pledgorEnterpriseId: string;
    registrationNumber: string;
    pledgeDate: string;
  }>;
}

/**
 * The enterprise's dashboard, for the enterprise itself and for admin (DESIGN.md 4). Null when
 * the enterprise is unknown or is not the caller.
 */
export async function getEnterpriseDashboard(
  readStore: ReadStore,
  caller: Actor,
  query: GetEnterpriseDashboardQuery,
): Promise<EnterpriseDashboard | null> {
  if (caller.role === 'enterprise') {
    if (!caller.enterpriseId) throw new ReadAccessDeniedError('enterprise-dashboard', caller.role);
    if (caller.enterpriseId !== query.enterpriseId) return null;
  } else if (caller.role !== 'admin') {
    throw new ReadAccessDeniedError('enterprise-dashboard', caller.role);
  }
  const asOf = asOfDate(query.asOf);
  const { enterpriseId } = query;
  const manager = readStore.queries;
  const enterprise = await manager.getRepository(EnterpriseDashboardEnterpriseRow).findOneBy({ enterpriseId });
  if (!enterprise) return null;
  const loanRows = await manager
    .getRepository(EnterpriseDashboardLoanRow)
    .find({ where: { enterpriseId }, order: { loanId: 'ASC' } });
  const assetRows = await manager
    .getRepository(EnterpriseDashboardAssetRow)
    .find({ where: { enterpriseId }, order: { ipAssetId: 'ASC' } });

  const loans: EnterpriseLoanLine[] = [];
  let nextInstalmentDue: EnterpriseDashboard['nextInstalmentDue'] = null;
  for (const row of loanRows) {
    const state = decodeState<Exclude<LoanState, { status: 'none' }>>(row.state);
    const position = positionView(state, asOf);
    loans.push({
      loanId: row.loanId,
      bankId: row.bankId,
      status: state.status,
      principal: formatMoney(state.terms.principal),
      outstandingPrincipal: position?.outstandingPrincipal ?? null,
      daysPastDue: position?.daysPastDue ?? null,
      bucket: position?.bucket ?? null,
      nextInstalment: position?.nextInstalment ?? null,
    });
    const next = position?.nextInstalment;
    if (state.status !== 'active' || !next) continue;
    if (nextInstalmentDue === null || compareDates(next.dueDate, nextInstalmentDue.dueDate) < 0) {
      nextInstalmentDue = {
        ...next,
        loanId: row.loanId,
        bankId: row.bankId,
        overdue: compareDates(next.dueDate, asOf) < 0,
      };
    }
  }

  const pledgedAssets: EnterpriseDashboard['pledgedAssets'] = [];
  for (const row of assetRows) {
    if (row.pledgeLoanId === null) continue;
    pledgedAssets.push({
      ipAssetId: row.ipAssetId,
      kind: row.kind,
      number: row.number,
      title: row.title,
      loanId: row.pledgeLoanId,
      pledgeeBankId: row.pledgeeBankId!,
      pledgorEnterpriseId: row.pledgorEnterpriseId!,
      registrationNumber: row.registrationNumber!,
      pledgeDate: row.pledgeDate!,
    });
  }
  return {
    enterpriseId,
    name: enterprise.name,
    region: enterprise.region,
    size: enterprise.size,
    contact: storedContact(enterprise),
    asOf,
    loans,
    nextInstalmentDue,
    pledgedAssets,
  };
}

function storedContact(row: EnterpriseDashboardEnterpriseRow): StoredContact {
  if (row.contactStatus === 'erased') return { status: 'erased' };
  const sealed = row.contact === null ? null : asSealedContact(JSON.parse(row.contact));
  return sealed ? { status: 'held', sealed } : { status: 'none' };
}
