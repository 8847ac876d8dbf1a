import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { admin, bankOfficer, bootLedgerOn, fm1, runScenario, type Scenario } from '../loans/testing/ledger-scenario';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { enterpriseDashboardProjection } from './enterprise-dashboard.projection';
import { getEnterpriseDashboard } from './enterprise-dashboard.query';

const TIMEOUT = 120_000;
const enterpriseUser = (enterpriseId: string) => ({ sub: `user-of-${enterpriseId}`, role: 'enterprise', enterpriseId });

describe.each(DIALECTS)('enterprise dashboard on %s', (dialect) => {
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
    runner = new ProjectionRunner(fixture.events, readStore, enterpriseDashboardProjection, { batchSize: 6 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 20_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  it(
    'shows an enterprise its loans with their outstanding principal, the next instalment due across them, and its pledged assets',
    async () => {
      const { l2, l3 } = s.loans;
      const [a3, a4] = s.p2.assetIds;
      const dashboard = await getEnterpriseDashboard(readStore, enterpriseUser(s.p2.enterpriseId), {
        enterpriseId: s.p2.enterpriseId,
        asOf: '2026-04-01',
      });

      const loanOf = (loanId: string) => dashboard!.loans.find((loan) => loan.loanId === loanId);
      expect(dashboard!.loans.map((loan) => loan.loanId)).toEqual([l2, l3].sort());
      // Nothing repaid: 20,000.00 of interest has been owed since 2026-02-15.
      expect(loanOf(l2)).toEqual({
        loanId: l2,
        bankId: s.p2.bankId,
        status: 'active',
        principal: '2000000.00',
        outstandingPrincipal: '2000000.00',
        daysPastDue: 45,
        bucket: '31-60',
        nextInstalment: { number: 1, dueDate: '2026-02-15', principal: '0.00', interest: '20000.00' },
      });
      // 60,000.00 on 2026-03-20: 40,000.00 of interest due (February, March), then 20,000.00 of principal.
      expect(loanOf(l3)).toEqual({
        loanId: l3,
        bankId: s.p2.bankId,
        status: 'active',
        principal: '2000000.00',
        outstandingPrincipal: '1980000.00',
        daysPastDue: 0,
        bucket: 'current',
        nextInstalment: { number: 4, dueDate: '2026-05-15', principal: '0.00', interest: '20000.00' },
      });
      expect(dashboard).toMatchObject({
        enterpriseId: s.p2.enterpriseId,
        name: 'Minjiang Photonics',
        region: 'Fujian/Fuzhou',
        size: 'small',
        asOf: '2026-04-01',
        nextInstalmentDue: {
          loanId: l2,
          bankId: s.p2.bankId,
          number: 1,
          dueDate: '2026-02-15',
          principal: '0.00',
          interest: '20000.00',
          overdue: true,
        },
      });
      expect(dashboard!.pledgedAssets).toEqual(
        [
          {
            ipAssetId: a3,
            kind: 'invention-patent',
            number: '202110345678.3',
            title: 'Tunable laser diode array',
            loanId: l2,
            pledgeeBankId: s.p2.bankId,
            pledgorEnterpriseId: s.p2.enterpriseId,
            registrationNumber: `Y2026-${a3}`,
            pledgeDate: '2026-01-10',
          },
          {
            ipAssetId: a4,
            kind: 'invention-patent',
            number: '202210567890.9',
            title: 'Optical fibre splice protector',
            loanId: l3,
            pledgeeBankId: s.p2.bankId,
            pledgorEnterpriseId: s.p2.enterpriseId,
            registrationNumber: `Y2026-${a4}`,
            pledgeDate: '2026-01-10',
          },
        ].sort((x, y) => (x.ipAssetId < y.ipAssetId ? -1 : 1)),
      );
    },
    TIMEOUT,
  );

  it(
    'follows pledges ending: sold, released after a refusal; closed and refused loans have no next instalment',
    async () => {
      const e1 = await getEnterpriseDashboard(readStore, admin, {
        enterpriseId: s.p1.enterpriseId,
        asOf: '2026-10-01',
      });
      // L1 written off; patent A1 sold, patent A2 still pledged to it.
      // Written off that day (the domain's loanPositionAsOf): nothing outstanding, nothing past due.
      expect(e1!.loans).toEqual([
        expect.objectContaining({
          loanId: s.loans.l1,
          status: 'written-off',
          outstandingPrincipal: '0.00',
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: null,
        }),
      ]);
      expect(e1!.nextInstalmentDue).toBeNull();
      expect(e1!.pledgedAssets.map((a) => [a.ipAssetId, a.loanId])).toEqual([[s.p1.assetIds[1], s.loans.l1]]);

      // L5 refused before disbursement: no figures; A6's pledge for it released, A5 pledged to L4.
      const e3 = await getEnterpriseDashboard(readStore, admin, {
        enterpriseId: s.p3.enterpriseId,
        asOf: '2026-04-01',
      });
      const l5 = e3!.loans.find((loan) => loan.loanId === s.loans.l5);
      expect(l5).toEqual({
        loanId: s.loans.l5,
        bankId: s.p3.bankId,
        status: 'pledges-refused',
        principal: '2000000.00',
        outstandingPrincipal: null,
        daysPastDue: null,
        bucket: null,
        nextInstalment: null,
      });
      expect(e3!.nextInstalmentDue).toMatchObject({
        loanId: s.loans.l4,
        number: 2,
        dueDate: '2026-03-15',
        overdue: true,
      });
      expect(e3!.pledgedAssets.map((a) => [a.ipAssetId, a.loanId])).toEqual([[s.p3.assetIds[0], s.loans.l4]]);

      const e4 = await getEnterpriseDashboard(readStore, admin, {
        enterpriseId: s.p4.enterpriseId,
        asOf: '2026-04-01',
      });
      expect(e4).toMatchObject({ loans: [], nextInstalmentDue: null, pledgedAssets: [] });
    },
    TIMEOUT,
  );

  it(
    'is the enterprise’s own and admin’s: another enterprise or an unknown id is not found, other roles are refused',
    async () => {
      expect(
        await getEnterpriseDashboard(readStore, enterpriseUser(s.p2.enterpriseId), { enterpriseId: s.p1.enterpriseId }),
      ).toBeNull();
      expect(await getEnterpriseDashboard(readStore, admin, { enterpriseId: 'ent-unknown' })).toBeNull();
      for (const caller of [bankOfficer(s.p1.bankId), fm1, { sub: 'audit-1', role: 'auditor' }]) {
        await expect(
          getEnterpriseDashboard(readStore, caller, { enterpriseId: s.p1.enterpriseId }),
        ).rejects.toBeInstanceOf(ReadAccessDeniedError);
      }
    },
    TIMEOUT,
  );

  it(
    'a rebuild from position 0 yields exactly the rows the live projection built',
    async () => {
      const rows = async () => ({
        enterprises: await readStore.queries.query(
          'SELECT * FROM enterprise_dashboard_enterprises ORDER BY enterprise_id',
        ),
        loans: await readStore.queries.query('SELECT * FROM enterprise_dashboard_loans ORDER BY loan_id'),
        assets: await readStore.queries.query(
          'SELECT * FROM enterprise_dashboard_assets ORDER BY enterprise_id, ip_asset_id',
        ),
      });
      const live = await rows();
      await rebuildProjection(fixture.events, readStore, enterpriseDashboardProjection, { runner, batchSize: 4 });
      expect(await rows()).toEqual(live);
      expect([live.enterprises.length, live.loans.length, live.assets.length]).toEqual([4, 5, 8]);
    },
    TIMEOUT,
  );
});
