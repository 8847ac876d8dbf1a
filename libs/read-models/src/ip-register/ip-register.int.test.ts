import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import { admin, bankOfficer, bootLedgerOn, fm1, runScenario, type Scenario } from '../loans/testing/ledger-scenario';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { ipRegisterProjection } from './ip-register.projection';
import { getIpAsset, listIpAssets, type IpAssetView, type ListIpAssetsQuery } from './ip-register.query';

const TIMEOUT = 120_000;
const auditor = { sub: 'audit-1', role: 'auditor' };
const APPRAISER = 'Fujian Zhongxin Appraisal';

describe.each(DIALECTS)('IP register on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let app: LedgerApp;
  let runner: ProjectionRunner;
  let s: Scenario;

  beforeAll(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    app = await bootLedgerOn(fixture.events, dialect);
    s = await runScenario(app);
    runner = new ProjectionRunner(fixture.events, readStore, ipRegisterProjection, { batchSize: 5 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 20_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  const ids = (items: readonly IpAssetView[]) => items.map((item) => item.ipAssetId);
  const sorted = (...assetIds: string[]) => [...assetIds].sort();
  const listAll = async (caller: { sub: string; role: string }, query: ListIpAssetsQuery = {}) => {
    const seen: IpAssetView[] = [];
    let after: string | undefined;
    do {
      const page = await listIpAssets(readStore, caller, { ...query, after });
      seen.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return seen;
  };

  it(
    'describes each asset: owners, dates, latest valuation, legal status, pledge status and pledgee',
    async () => {
      const [a1, a2] = s.p1.assetIds;
      // The pledgee bank sees its pledge; another bank only that the asset is pledged (tenancy).
      const bank = bankOfficer(s.p1.bankId);
      const otherBank = bankOfficer(s.p2.bankId);
      expect(await getIpAsset(readStore, otherBank, { ipAssetId: a2 })).toMatchObject({
        pledgeStatus: 'pledged',
        pledge: null,
      });
      expect(await getIpAsset(readStore, otherBank, { ipAssetId: a1 })).toMatchObject({
        legalStatus: { status: 'disposed', disposal: { loanId: null, enforcementDate: '2026-09-01' } },
      });

      expect(await getIpAsset(readStore, bank, { ipAssetId: a2 })).toEqual({
        ipAssetId: a2,
        kind: 'invention-patent',
        number: '202210567890.9',
        title: 'Optical fibre splice protector',
        ownerEnterpriseIds: [s.p1.enterpriseId],
        grantDate: '2023-05-10',
        expiryDate: '2041-03-01',
        latestValuation: { appraiser: APPRAISER, value: '900000.00', valuationDate: '2026-01-05' },
        legalStatus: {
          status: 'in-force',
          annualFeeLapsed: false,
          annualFeeLapseDate: null,
          pendingInvalidations: [],
          partiallyInvalidated: false,
          lastInvalidationOutcome: null,
          invalidationDate: null,
          disposal: null,
        },
        pledgeStatus: 'pledged',
        pledge: {
          loanId: s.loans.l1,
          pledgeeBankId: s.p1.bankId,
          pledgorEnterpriseId: s.p1.enterpriseId,
          registrationNumber: `Y2026-${a2}`,
          pledgeDate: '2026-01-10',
          loanMaturityDate: '2027-01-10',
        },
      });

      // Sold in recovery of L1 for 600,000.00.
      expect(await getIpAsset(readStore, auditor, { ipAssetId: a1 })).toMatchObject({
        title: 'Tunable laser diode array',
        latestValuation: { appraiser: APPRAISER, value: '1500000.00', valuationDate: '2026-01-05' },
        legalStatus: {
          status: 'disposed',
          disposal: { loanId: s.loans.l1, enforcementDate: '2026-09-01', saleProceeds: '600000.00' },
        },
        pledgeStatus: 'enforced',
        pledge: null,
      });

      // Pledged for L5, released when L5's other pledge was refused; then its fee lapsed and an invalidation was filed.
      const a6 = s.p3.assetIds[1];
      expect(await getIpAsset(readStore, admin, { ipAssetId: a6 })).toMatchObject({
        legalStatus: {
          status: 'in-force',
          annualFeeLapsed: true,
          annualFeeLapseDate: '2026-03-01',
          pendingInvalidations: [{ caseNumber: '4W112233', filingDate: '2026-03-05' }],
          lastInvalidationOutcome: null,
        },
        pledgeStatus: 'released',
        pledge: null,
      });

      const a8 = s.p4.assetIds[1];
      expect(await getIpAsset(readStore, auditor, { ipAssetId: a8 })).toMatchObject({
        legalStatus: {
          status: 'in-force',
          pendingInvalidations: [],
          lastInvalidationOutcome: { caseNumber: '4W445566', outcome: 'upheld', resolutionDate: '2026-04-01' },
        },
        pledgeStatus: 'free',
      });
    },
    TIMEOUT,
  );

  it(
    'filters by pledge status and owner, and pages through every match once',
    async () => {
      const [a1, a2] = s.p1.assetIds;
      const [a3, a4] = s.p2.assetIds;
      const [a5, a6] = s.p3.assetIds;
      const [a7, a8] = s.p4.assetIds;
      expect(ids(await listAll(auditor, { status: 'pledged' }))).toEqual(sorted(a2, a3, a4, a5));
      expect(ids(await listAll(auditor, { status: 'free' }))).toEqual(sorted(a7, a8));
      expect(ids(await listAll(auditor, { status: 'released' }))).toEqual([a6]);
      expect(ids(await listAll(auditor, { status: 'enforced' }))).toEqual([a1]);
      expect(ids(await listAll(auditor, { owner: s.p2.enterpriseId }))).toEqual(sorted(a3, a4));
      expect(ids(await listAll(auditor, { owner: s.p3.enterpriseId, status: 'pledged' }))).toEqual([a5]);
      expect(ids(await listAll(auditor, { owner: 'ent-unknown' }))).toEqual([]);

      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await listIpAssets(readStore, auditor, { limit: 3, after });
        pages.push(ids(page.items));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
      expect(pages.flat()).toEqual(sorted(a1, a2, a3, a4, a5, a6, a7, a8));

      await expect(listIpAssets(readStore, auditor, { status: 'lost' as never })).rejects.toBeInstanceOf(
        InvalidReadQueryError,
      );
    },
    TIMEOUT,
  );

  it(
    'is the whole register for every bank, admin and auditor; refused to enterprises and fund managers',
    async () => {
      const everything = ids(await listAll(auditor));
      expect(everything).toHaveLength(8);
      expect(ids(await listAll(bankOfficer(s.p4.bankId)))).toEqual(everything);
      expect(ids(await listAll(admin))).toEqual(everything);
      expect(await getIpAsset(readStore, bankOfficer(s.p4.bankId), { ipAssetId: 'patent-unknown' })).toBeNull();

      const enterprise = { sub: 'u', role: 'enterprise', enterpriseId: s.p1.enterpriseId };
      await expect(listIpAssets(readStore, enterprise)).rejects.toBeInstanceOf(ReadAccessDeniedError);
      await expect(getIpAsset(readStore, fm1, { ipAssetId: s.p1.assetIds[0] })).rejects.toBeInstanceOf(
        ReadAccessDeniedError,
      );
    },
    TIMEOUT,
  );

  it(
    'a rebuild from position 0 yields exactly the rows the live projection built',
    async () => {
      const rows = async () => ({
        assets: await readStore.queries.query('SELECT * FROM ip_register ORDER BY ip_asset_id'),
        owners: await readStore.queries.query('SELECT * FROM ip_register_owners ORDER BY ip_asset_id, enterprise_id'),
      });
      const live = await rows();
      await rebuildProjection(fixture.events, readStore, ipRegisterProjection, { runner, batchSize: 4 });
      expect(await rows()).toEqual(live);
      expect(live.assets).toHaveLength(8);
      expect(live.owners).toHaveLength(8);
    },
    TIMEOUT,
  );
});
