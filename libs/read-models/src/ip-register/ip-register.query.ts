import type { Actor } from '@pledge-ledger/event-store';
import { formatMoney, type RegisteredIpAsset } from '@pledge-ledger/domain';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import { decodeState } from '../loans/state-json';
import { IpRegisterOwnerRow, IpRegisterRow } from './ip-register.entity';
import { PLEDGE_STATUSES, type PledgeStatus } from './ip-register.projection';

export interface IpAssetView {
  readonly ipAssetId: string;
  /** invention-patent, utility-model, design or trademark. */
  readonly kind: string;
  readonly number: string;
  readonly title: string;
  readonly ownerEnterpriseIds: readonly string[];
  readonly grantDate: string;
  /** Last day the right is in force. */
  readonly expiryDate: string;
  /** The valuation with the latest valuation date; value a two-decimal string. */
  readonly latestValuation: { appraiser: string; value: string; valuationDate: string } | null;
  readonly legalStatus: {
    /** in-force, invalidated (void) or disposed (sold in recovery). */
    readonly status: 'in-force' | 'invalidated' | 'disposed';
    readonly annualFeeLapsed: boolean;
    /** Set while the fee is lapsed. */
    readonly annualFeeLapseDate: string | null;
    readonly pendingInvalidations: ReadonlyArray<{ caseNumber: string; filingDate: string }>;
    readonly partiallyInvalidated: boolean;
    /** The outcome of the last invalidation case resolved (upheld, invalidated, partially-invalidated). */
    readonly lastInvalidationOutcome: { caseNumber: string; outcome: string; resolutionDate: string } | null;
    readonly invalidationDate: string | null;
    /** `loanId` is null for a bank other than the one that sold it (tenancy). */
    readonly disposal: { loanId: string | null; enforcementDate: string; saleProceeds: string } | null;
  };
  readonly pledgeStatus: PledgeStatus;
  /**
   * The live pledge: the pledgee bank and the loan it secures. Null for a bank other than the
   * pledgee: every bank may check that a patent is pledged (`pledgeStatus`), but another bank's
   * loan and lending are its own (DESIGN section 1; issue 5).
   */
  readonly pledge: {
    loanId: string;
    pledgeeBankId: string;
    pledgorEnterpriseId: string;
    registrationNumber: string;
    pledgeDate: string;
    loanMaturityDate: string;
  } | null;
}

export interface ListIpAssetsQuery {
  /** Pledge status: free, pledged, released or enforced. */
  readonly status?: PledgeStatus;
  /** Only assets this enterprise (co-)owns. */
  readonly owner?: string;
  /** Page size, 1 to 500. Default 50. */
  readonly limit?: number;
  /** Cursor: the `nextCursor` of the previous page. */
  readonly after?: string;
}

export interface IpAssetPage {
  readonly items: IpAssetView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface GetIpAssetQuery {
  readonly ipAssetId: string;
}

/** DESIGN.md 1 and 4: the whole register for admin, auditor and every bank (to check a patent is free). */
const ALLOWED_ROLES = new Set(['admin', 'bank', 'auditor']);

function checkRole(caller: Actor): void {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError('ip-register', caller.role);
}

function view(row: IpRegisterRow, caller: Actor): IpAssetView {
  const state = decodeState<RegisteredIpAsset>(row.state);
  const sees = (bankId: string | undefined) => caller.role !== 'bank' || bankId === caller.bankId;
  return {
    ipAssetId: state.ipAssetId,
    kind: state.kind,
    number: state.number,
    title: state.title,
    ownerEnterpriseIds: state.ownerEnterpriseIds,
    grantDate: state.grantDate,
    expiryDate: state.expiryDate,
    latestValuation: state.latestValuation
      ? {
          appraiser: state.latestValuation.appraiser,
          value: formatMoney(state.latestValuation.value),
          valuationDate: state.latestValuation.valuationDate,
        }
      : null,
    legalStatus: {
      status: state.status,
      annualFeeLapsed: state.annualFeeLapseDate !== null,
      annualFeeLapseDate: state.annualFeeLapseDate,
      pendingInvalidations: state.pendingInvalidations,
      partiallyInvalidated: state.partiallyInvalidated,
      lastInvalidationOutcome: row.lastInvalidation === null ? null : JSON.parse(row.lastInvalidation),
      invalidationDate: state.status === 'invalidated' ? state.invalidationDate : null,
      disposal:
        state.status === 'disposed'
          ? {
              loanId: sees(state.disposal.pledgeeBankId) ? state.disposal.loanId : null,
              enforcementDate: state.disposal.enforcementDate,
              saleProceeds: formatMoney(state.disposal.saleProceeds),
            }
          : null,
    },
    pledgeStatus: row.pledgeStatus as PledgeStatus,
    pledge: state.pledge && sees(state.pledge.pledgeeBankId) ? { ...state.pledge } : null,
  };
}

/** One asset of the register; null when unknown. */
export async function getIpAsset(
  readStore: ReadStore,
  caller: Actor,
  query: GetIpAssetQuery,
): Promise<IpAssetView | null> {
  checkRole(caller);
  const row = await readStore.queries.getRepository(IpRegisterRow).findOneBy({ ipAssetId: query.ipAssetId });
  return row ? view(row, caller) : null;
}

/** The register ordered by asset id, a page at a time (keyset: stable while assets are added). */
export async function listIpAssets(
  readStore: ReadStore,
  caller: Actor,
  query: ListIpAssetsQuery = {},
): Promise<IpAssetPage> {
  checkRole(caller);
  if (query.status !== undefined && !PLEDGE_STATUSES.includes(query.status)) {
    throw new InvalidReadQueryError('status', `status must be one of ${PLEDGE_STATUSES.join(', ')}`);
  }
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
  const builder = readStore.queries.getRepository(IpRegisterRow).createQueryBuilder('a');
  if (query.status !== undefined) builder.andWhere('a.pledgeStatus = :status', { status: query.status });
  if (query.owner !== undefined) {
    const owned = builder
      .subQuery()
      .select('1')
      .from(IpRegisterOwnerRow, 'o')
      .where('o.ipAssetId = a.ipAssetId')
      .andWhere('o.enterpriseId = :owner')
      .getQuery();
    builder.andWhere(`EXISTS ${owned}`, { owner: query.owner });
  }
  if (query.after !== undefined) builder.andWhere('a.ipAssetId > :after', { after: query.after });
  const rows = await builder
    .orderBy('a.ipAssetId', 'ASC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit).map((row) => view(row, caller));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].ipAssetId : null };
}
