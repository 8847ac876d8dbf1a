import type { RecordedEvent } from '@pledge-ledger/event-store';
import { asSealedContact, initialLoanState, type LoanState } from '@pledge-ledger/domain';
import type { Projection, ProjectionContext } from '../projections/projection';
import { upsertRows } from '../sql/upsert-rows';
import { evolveLoanFromRecord, isLoanEvent, LOAN_EVENT_TYPES, loanIdOf } from '../loans/loan-events';
import { loadLoanRows } from '../loans/loan-view.projection';
import { decodeState, encodeState } from '../loans/state-json';

type Tables = 'enterprises' | 'loans' | 'assets';

interface EnterpriseRecord {
  enterprise_id: string;
  name: string;
  region: string;
  size: string;
  contact_status: 'none' | 'held' | 'erased';
  contact: string | null;
}

interface LoanRecord {
  loan_id: string;
  enterprise_id: string;
  bank_id: string;
  status: string;
  state: string;
}

interface AssetRecord {
  enterprise_id: string;
  ip_asset_id: string;
  kind: string;
  number: string;
  title: string;
  pledge_loan_id: string | null;
  pledgee_bank_id: string | null;
  pledgor_enterprise_id: string | null;
  registration_number: string | null;
  pledge_date: string | null;
}

const ENTERPRISE_EVENTS = ['EnterpriseRegistered', 'EnterpriseContactErased'];
const ASSET_EVENTS = new Set(['IpAssetRegistered', 'PledgeRegistered', 'PledgeReleased', 'PledgeEnforced']);
const CHUNK = 1000;

const NO_PLEDGE = {
  pledge_loan_id: null,
  pledgee_bank_id: null,
  pledgor_enterprise_id: null,
  registration_number: null,
  pledge_date: null,
} as const;

/** The contact person stays sealed: only its status and the ciphertext as the event holds it. */
async function applyEnterprises(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((event) => String(event.data.enterpriseId)))];
  const rows = new Map<string, EnterpriseRecord>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const existing: EnterpriseRecord[] = await context.manager
      .createQueryBuilder()
      .select('*')
      .from(context.tables.enterprises, 'e')
      .where('e.enterprise_id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
      .getRawMany();
    for (const row of existing) rows.set(row.enterprise_id, row);
  }
  for (const event of events) {
    const enterpriseId = String(event.data.enterpriseId);
    if (event.type === 'EnterpriseContactErased') {
      const row = rows.get(enterpriseId);
      if (row) Object.assign(row, { contact_status: 'erased', contact: null });
      continue;
    }
    const sealed = asSealedContact(event.data.contact);
    rows.set(enterpriseId, {
      enterprise_id: enterpriseId,
      name: String(event.data.name),
      region: String(event.data.region),
      size: String(event.data.size),
      contact_status: sealed ? 'held' : 'none',
      contact: sealed ? JSON.stringify(sealed) : null,
    });
  }
  await upsertRows(context, context.tables.enterprises, [...rows.values()], {
    key: ['enterprise_id'],
    update: ['name', 'region', 'size', 'contact_status', 'contact'],
  });
}

async function applyLoans(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
  if (events.length === 0) return;
  const stored = await loadLoanRows(context, context.tables.loans, [...new Set(events.map(loanIdOf))]);
  const states = new Map<string, LoanState>();
  for (const [id, row] of stored) states.set(id, decodeState<LoanState>(String(row.state)));
  for (const event of events) {
    const id = loanIdOf(event);
    const state = states.get(id);
    if (!state && event.type !== 'LoanOriginated') continue;
    states.set(id, evolveLoanFromRecord(state ?? initialLoanState, event));
  }
  const rows: LoanRecord[] = [];
  for (const state of states.values()) {
    if (state.status === 'none') continue;
    rows.push({
      loan_id: state.terms.loanId,
      enterprise_id: state.terms.enterpriseId,
      bank_id: state.terms.bankId,
      status: state.status,
      state: encodeState(state),
    });
  }
  await upsertRows(context, context.tables.loans, rows, {
    key: ['loan_id'],
    update: ['enterprise_id', 'bank_id', 'status', 'state'],
  });
}

async function applyAssets(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
  if (events.length === 0) return;
  const assetIds = [...new Set(events.map((event) => String(event.data.ipAssetId)))];
  const rows = new Map<string, AssetRecord>();
  for (let i = 0; i < assetIds.length; i += CHUNK) {
    const existing: AssetRecord[] = await context.manager
      .createQueryBuilder()
      .select('*')
      .from(context.tables.assets, 'a')
      .where('a.ip_asset_id IN (:...ids)', { ids: assetIds.slice(i, i + CHUNK) })
      .getRawMany();
    for (const row of existing) rows.set(`${row.enterprise_id}\u0000${row.ip_asset_id}`, row);
  }
  const ofAsset = (assetId: string) => [...rows.values()].filter((row) => row.ip_asset_id === assetId);
  for (const event of events) {
    const data = event.data as Record<string, never>;
    const assetId: string = data.ipAssetId;
    switch (event.type) {
      case 'IpAssetRegistered':
        for (const owner of data.ownerEnterpriseIds as unknown as string[]) {
          rows.set(`${owner}\u0000${assetId}`, {
            enterprise_id: owner,
            ip_asset_id: assetId,
            kind: data.kind,
            number: data.number,
            title: data.title,
            ...NO_PLEDGE,
          });
        }
        break;
      case 'PledgeRegistered':
        for (const row of ofAsset(assetId)) {
          Object.assign(row, {
            pledge_loan_id: data.loanId,
            pledgee_bank_id: data.pledgeeBankId,
            pledgor_enterprise_id: data.pledgorEnterpriseId,
            registration_number: data.registrationNumber,
            pledge_date: data.pledgeDate,
          });
        }
        break;
      default:
        // PledgeReleased, PledgeEnforced: the live pledge ends.
        for (const row of ofAsset(assetId)) Object.assign(row, NO_PLEDGE);
    }
  }
  await upsertRows(context, context.tables.assets, [...rows.values()], {
    key: ['enterprise_id', 'ip_asset_id'],
    update: ['kind', 'number', 'title', ...(Object.keys(NO_PLEDGE) as Array<keyof typeof NO_PLEDGE>)],
  });
}

/**
 * Keeps the enterprise dashboard: each enterprise, the loans it borrows (folded with the domain's
 * evolveLoan) and the assets it owns with their live pledge.
 */
export const enterpriseDashboardProjection: Projection<Tables> = {
  name: 'enterprise-dashboard',
  handles: new Set<string>([...ENTERPRISE_EVENTS, ...LOAN_EVENT_TYPES, ...ASSET_EVENTS]),
  tables: {
    enterprises: 'enterprise_dashboard_enterprises',
    loans: 'enterprise_dashboard_loans',
    assets: 'enterprise_dashboard_assets',
  },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    await applyEnterprises(
      events.filter((event) => ENTERPRISE_EVENTS.includes(event.type)),
      context,
    );
    await applyLoans(events.filter(isLoanEvent), context);
    await applyAssets(
      events.filter((event) => ASSET_EVENTS.has(event.type)),
      context,
    );
  },
};
