import type { RecordedEvent } from '@pledge-ledger/event-store';
import {
  evolveIpAsset,
  initialIpAssetState,
  type IpAssetEvent,
  type IpAssetState,
  type RegisteredIpAsset,
} from '@pledge-ledger/domain';
import type { Projection, ProjectionContext } from '../projections/projection';
import { upsertRows } from '../sql/upsert-rows';
import { decodeState, encodeState } from '../loans/state-json';

type Tables = 'assets' | 'owners';

/**
 * - free: never pledged;
 * - pledged: a live pledge (at most one);
 * - released: its pledges were all released (it may be pledged again);
 * - enforced: sold in recovery by the pledgee bank (disposed, final).
 */
export type PledgeStatus = 'free' | 'pledged' | 'released' | 'enforced';
export const PLEDGE_STATUSES: readonly PledgeStatus[] = ['free', 'pledged', 'released', 'enforced'];

export function pledgeStatusOf(state: RegisteredIpAsset): PledgeStatus {
  if (state.pledge !== null) return 'pledged';
  if (state.status === 'disposed') return 'enforced';
  return state.releasedPledges.length > 0 ? 'released' : 'free';
}

/** Every IpAsset event; a Record so that a new event type is a compile error here. */
const IP_ASSET_EVENTS: Record<IpAssetEvent['type'], true> = {
  IpAssetRegistered: true,
  AnnualFeeLapsed: true,
  AnnualFeePaid: true,
  InvalidationFiled: true,
  InvalidationResolved: true,
  ValuationRecorded: true,
  PledgeRegistered: true,
  PledgeReleased: true,
  PledgeEnforced: true,
};

export const IP_ASSET_EVENT_TYPES = Object.keys(IP_ASSET_EVENTS) as ReadonlyArray<IpAssetEvent['type']>;

interface AssetRecord {
  ip_asset_id: string;
  kind: string;
  number: string;
  legal_status: string;
  pledge_status: string;
  pledge_loan_id: string | null;
  pledgee_bank_id: string | null;
  valuation_value: bigint | null;
  state: string;
  last_invalidation: string | null;
}

interface OwnerRecord {
  ip_asset_id: string;
  enterprise_id: string;
}

const UPDATED_COLUMNS = [
  'kind',
  'number',
  'legal_status',
  'pledge_status',
  'pledge_loan_id',
  'pledgee_bank_id',
  'valuation_value',
  'state',
  'last_invalidation',
] as const;

const CHUNK = 1000;

interface Folded {
  state: IpAssetState;
  lastInvalidation: string | null;
}

function toRecord(folded: Folded): AssetRecord | null {
  const { state } = folded;
  if (state.status === 'unregistered') return null;
  return {
    ip_asset_id: state.ipAssetId,
    kind: state.kind,
    number: state.number,
    legal_status: state.status,
    pledge_status: pledgeStatusOf(state),
    pledge_loan_id: state.pledge?.loanId ?? null,
    pledgee_bank_id: state.pledge?.pledgeeBankId ?? null,
    valuation_value: state.latestValuation?.value ?? null,
    state: encodeState(state),
    last_invalidation: folded.lastInvalidation,
  };
}

/**
 * Keeps `ip_register` and `ip_register_owners`: each asset's events folded with the domain's
 * evolveIpAsset (latest valuation, invalidation outcomes, the live pledge: the decider's own rules).
 */
export const ipRegisterProjection: Projection<Tables> = {
  name: 'ip-register',
  handles: new Set<string>(IP_ASSET_EVENT_TYPES),
  tables: { assets: 'ip_register', owners: 'ip_register_owners' },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const { manager, tables } = context;
    const ids = [...new Set(events.map((event) => String(event.data.ipAssetId)))];
    const folded = new Map<string, Folded>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const existing: Array<{ ip_asset_id: string; state: string; last_invalidation: string | null }> = await manager
        .createQueryBuilder()
        .select('*')
        .from(tables.assets, 'a')
        .where('a.ip_asset_id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
        .getRawMany();
      for (const row of existing) {
        folded.set(row.ip_asset_id, {
          state: decodeState<IpAssetState>(row.state),
          lastInvalidation: row.last_invalidation,
        });
      }
    }
    const owners: OwnerRecord[] = [];
    for (const event of events) {
      const id = String(event.data.ipAssetId);
      const asset = folded.get(id) ?? { state: initialIpAssetState, lastInvalidation: null };
      folded.set(id, asset);
      const domainEvent = { type: event.type, data: event.data } as unknown as IpAssetEvent;
      asset.state = evolveIpAsset(asset.state, domainEvent);
      if (domainEvent.type === 'IpAssetRegistered') {
        for (const owner of domainEvent.data.ownerEnterpriseIds) owners.push({ ip_asset_id: id, enterprise_id: owner });
      } else if (domainEvent.type === 'InvalidationResolved') {
        const { caseNumber, outcome, resolutionDate } = domainEvent.data;
        asset.lastInvalidation = JSON.stringify({ caseNumber, outcome, resolutionDate });
      }
    }
    const rows = [...folded.values()].map(toRecord).filter((row): row is AssetRecord => row !== null);
    await upsertRows(context, tables.assets, rows, { key: ['ip_asset_id'], update: UPDATED_COLUMNS });
    await upsertRows(context, tables.owners, owners, { key: ['ip_asset_id', 'enterprise_id'], update: [] });
  },
};
