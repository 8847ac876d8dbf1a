import type { LedgerApp } from '../../../application/src/process-managers/testing/process-manager-ledger';
import { START } from '@pledge-ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { REBUILD_BATCH_SIZE, rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import { loanIdOf } from './loan-events';
import { loanViewProjection } from './loan-view.projection';
import { getLoan, listLoans, type ListLoansQuery, type LoanSummary } from './loan-view.query';
import { admin, bankOfficer, bootLedgerOn, fm1, runScenario, type Scenario } from './testing/ledger-scenario';

const TIMEOUT = 120_000;
const auditor = { sub: 'audit-1', role: 'auditor' };
const enterpriseUser = (enterpriseId: string) => ({ sub: `user-of-${enterpriseId}`, role: 'enterprise', enterpriseId });

describe.each(DIALECTS)('loans view on %s', (dialect) => {
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
    runner = new ProjectionRunner(fixture.events, readStore, loanViewProjection, { batchSize: 7 });
    await runner.start();
    await runner.waitFor(await fixture.events.headPosition(), 20_000);
  }, TIMEOUT);

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await fixture?.close();
  }, TIMEOUT);

  const ids = (items: readonly LoanSummary[]) => items.map((item) => item.loanId);
  const sorted = (...loanIds: string[]) => [...loanIds].sort();
  const listAll = async (caller: typeof auditor, query: ListLoansQuery = {}) => {
    const seen: LoanSummary[] = [];
    let after: string | undefined;
    do {
      const page = await listLoans(readStore, caller, { ...query, after });
      seen.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return seen;
  };

  it(
    'follows the lifecycle: schedule, pledges, coverage, repayment, assessment, default, recovery, write-off',
    async () => {
      const { l1 } = s.loans;
      const [a1, a2] = s.p1.assetIds;
      const loan = await getLoan(readStore, auditor, { loanId: l1, asOf: '2026-06-14' });

      expect(loan).toMatchObject({
        loanId: l1,
        bankId: s.p1.bankId,
        enterpriseId: s.p1.enterpriseId,
        status: 'written-off',
        principal: '2000000.00',
        annualRateBps: 1200,
        termMonths: 12,
        repaymentMethod: 'bullet',
        originationDate: '2026-01-10',
        disbursementDate: '2026-01-15',
        maturityDate: '2027-01-15',
        fundId: s.fundId,
        // 35,000.00 on 2026-02-15: the first month's interest 20,000.00, then 15,000.00 of principal.
        repayments: [{ valueDate: '2026-02-15', amount: '35000.00', principal: '15000.00', interest: '20000.00' }],
        principalRepaid: '15000.00',
        interestRepaid: '20000.00',
        lastAssessment: {
          asOf: '2026-06-14',
          daysPastDue: 91,
          bucket: '90+',
          principalDue: '0.00',
          interestDue: '60000.00',
        },
        default: { asOf: '2026-06-14', daysPastDue: 91, thresholdDays: 90, outstandingPrincipal: '1985000.00' },
        recoveries: [
          {
            valueDate: '2026-09-01',
            amount: '600000.00',
            costs: '30000.00',
            source: 'pledge-enforcement',
            assetId: a1,
          },
        ],
        totalRecovered: '600000.00',
        // 1,985,000.00 - 600,000.00
        writeOff: { valueDate: '2026-10-01', amount: '1385000.00' },
        fundCoverage: {
          fundId: s.fundId,
          coverageRatioBps: 4000,
          coveredPrincipal: '2000000.00',
          policyVersion: 1,
          defaultThresholdDays: 90,
          maxCompensation: '750000.00',
          enrolledOn: '2026-01-20',
          coverReleasedOn: null,
          recordedOnLoan: true,
        },
        // As of 2026-06-14: the 2026-03-15 instalment is the oldest unpaid, 91 days late; interest
        // fallen due Feb to May 4 x 20,000.00 - 20,000.00 paid = 60,000.00.
        position: {
          asOf: '2026-06-14',
          outstandingPrincipal: '1985000.00',
          principalDue: '0.00',
          interestDue: '60000.00',
          daysPastDue: 91,
          bucket: '90+',
          nextInstalment: { number: 2, dueDate: '2026-03-15', principal: '0.00', interest: '20000.00' },
        },
      });
      expect(loan!.schedule).toHaveLength(12);
      expect(loan!.schedule[0]).toEqual({ number: 1, dueDate: '2026-02-15', principal: '0.00', interest: '20000.00' });
      expect(loan!.schedule[11]).toEqual({
        number: 12,
        dueDate: '2027-01-15',
        principal: '2000000.00',
        interest: '20000.00',
      });
      expect(loan!.pledgedAssets).toEqual([
        expect.objectContaining({
          assetId: a1,
          status: 'enforced',
          registeredOn: '2026-01-10',
          enforcedOn: '2026-09-01',
          saleProceeds: '600000.00',
        }),
        expect.objectContaining({
          assetId: a2,
          status: 'pledged',
          registeredOn: '2026-01-10',
          registrationNumber: `Y2026-${a2}`,
        }),
      ]);

      // As of the repayment day nothing is overdue; a month later the second instalment is.
      const early = await getLoan(readStore, auditor, { loanId: l1, asOf: '2026-02-15' });
      expect(early!.position).toEqual({
        asOf: '2026-02-15',
        outstandingPrincipal: '1985000.00',
        principalDue: '0.00',
        interestDue: '0.00',
        daysPastDue: 0,
        bucket: 'current',
        nextInstalment: { number: 2, dueDate: '2026-03-15', principal: '0.00', interest: '20000.00' },
      });
      // The day before the repayment's value date it does not count yet; nothing had fallen due either.
      const dayBefore = await getLoan(readStore, auditor, { loanId: l1, asOf: '2026-02-14' });
      expect(dayBefore!.position).toMatchObject({
        outstandingPrincipal: '2000000.00',
        interestDue: '0.00',
        bucket: 'current',
      });

      // Defaulted on 2026-06-14: from then on interest stops accruing (60,000.00 due at default) and
      // the 600,000.00 recovered on 2026-09-01 (gross, before its 30,000.00 costs) comes off the
      // 1,985,000.00 outstanding; days past due keep counting from 2026-03-15.
      const recovered = await getLoan(readStore, auditor, { loanId: l1, asOf: '2026-09-01' });
      expect(recovered!.position).toEqual({
        asOf: '2026-09-01',
        outstandingPrincipal: '1385000.00',
        principalDue: '0.00',
        interestDue: '60000.00',
        daysPastDue: 170,
        bucket: '90+',
        nextInstalment: { number: 2, dueDate: '2026-03-15', principal: '0.00', interest: '20000.00' },
      });
      // Written off on 2026-10-01: nothing is owed from that day on.
      const writtenOff = await getLoan(readStore, auditor, { loanId: l1, asOf: '2026-10-01' });
      expect(writtenOff!.position).toEqual({
        asOf: '2026-10-01',
        outstandingPrincipal: '0.00',
        principalDue: '0.00',
        interestDue: '0.00',
        daysPastDue: 0,
        bucket: 'current',
        nextInstalment: null,
      });
    },
    TIMEOUT,
  );

  it(
    'shows a refused pledge with its reasons, and no position before disbursement',
    async () => {
      const [a5, a6] = s.p3.assetIds;
      const refused = await getLoan(readStore, auditor, { loanId: s.loans.l5, asOf: '2026-04-01' });
      expect(refused).toMatchObject({
        status: 'pledges-refused',
        position: null,
        schedule: [],
        disbursementDate: null,
      });
      expect(refused!.pledgedAssets).toEqual([
        expect.objectContaining({
          assetId: a6,
          status: 'released',
          registeredOn: '2026-01-10',
          releaseReason: 'pledge-refused',
        }),
        expect.objectContaining({
          assetId: a5,
          status: 'refused',
          refusalReasons: [expect.stringMatching(/^IP_ASSET\.ALREADY_PLEDGED/)],
        }),
      ]);
    },
    TIMEOUT,
  );

  it(
    'scopes by caller: a bank its own, an enterprise its own, a fund manager the enrolled loans; admin refused',
    async () => {
      const { l1, l2, l3, l4, l5 } = s.loans;
      expect(ids(await listAll(auditor))).toEqual(sorted(l1, l2, l3, l4, l5));
      expect(ids(await listAll(bankOfficer(s.p2.bankId)))).toEqual(sorted(l2, l3));
      expect(ids(await listAll(enterpriseUser(s.p3.enterpriseId)))).toEqual(sorted(l4, l5));
      expect(ids(await listAll(fm1))).toEqual([l1]);

      expect(await getLoan(readStore, bankOfficer(s.p2.bankId), { loanId: l2, asOf: '2026-04-01' })).not.toBeNull();
      // Another bank's loan, another enterprise's, a loan not enrolled, an unknown id: not found.
      expect(await getLoan(readStore, bankOfficer(s.p2.bankId), { loanId: l1, asOf: '2026-04-01' })).toBeNull();
      expect(await getLoan(readStore, enterpriseUser(s.p1.enterpriseId), { loanId: l2 })).toBeNull();
      expect(await getLoan(readStore, fm1, { loanId: l2 })).toBeNull();
      expect(await getLoan(readStore, auditor, { loanId: 'loan-nope' })).toBeNull();
      expect(await getLoan(readStore, enterpriseUser(s.p1.enterpriseId), { loanId: l1 })).toMatchObject({ loanId: l1 });

      await expect(listLoans(readStore, admin, {})).rejects.toBeInstanceOf(ReadAccessDeniedError);
      await expect(getLoan(readStore, admin, { loanId: l1 })).rejects.toBeInstanceOf(ReadAccessDeniedError);
      await expect(listLoans(readStore, { sub: 'x', role: 'bank' }, {})).rejects.toBeInstanceOf(ReadAccessDeniedError);
    },
    TIMEOUT,
  );

  it(
    'filters by status and by the bucket as of a date, and pages through every match once',
    async () => {
      const { l1, l2, l3, l4, l5 } = s.loans;
      expect(ids(await listAll(auditor, { status: 'active' }))).toEqual(sorted(l2, l3, l4));
      expect(ids(await listAll(auditor, { status: 'pledges-refused' }))).toEqual([l5]);

      // As of 2026-04-01: L2 owes since 2026-02-15 (45 days), L4 since 2026-03-15 (17 days), L3 has
      // paid up to the 2026-05-15 instalment (60,000.00 = three months' interest), L1 since 2026-03-15.
      const asOf = '2026-04-01';
      expect(ids(await listAll(auditor, { asOf, bucket: '31-60' }))).toEqual([l2]);
      expect(ids(await listAll(auditor, { asOf, bucket: '1-30' }))).toEqual(sorted(l1, l4));
      expect(ids(await listAll(auditor, { asOf, bucket: 'current' }))).toEqual([l3]);
      expect(ids(await listAll(auditor, { asOf, bucket: '90+' }))).toEqual([]);
      expect(ids(await listAll(auditor, { asOf, bucket: '1-30', status: 'active' }))).toEqual([l4]);
      // As of 2026-03-01, L3's repayment of 2026-03-20 has not happened yet: it is 14 days late then.
      expect(ids(await listAll(auditor, { asOf: '2026-03-01', bucket: '1-30' }))).toEqual(sorted(l2, l3));
      expect(ids(await listAll(auditor, { asOf: '2026-03-01', bucket: 'current' }))).toEqual(sorted(l1, l4));
      // On 2026-07-01: L1 and L4 108 days (since 2026-03-15), L2 136 days; L3 47 days (since 2026-05-15).
      expect(ids(await listAll(auditor, { asOf: '2026-07-01', bucket: '90+' }))).toEqual(sorted(l1, l2, l4));
      expect(ids(await listAll(auditor, { asOf: '2026-07-01', bucket: '31-60' }))).toEqual([l3]);
      // L1, written off on 2026-10-01, is listed in the bucket its detail shows: 90+ the day before
      // (199 days since 2026-03-15), current (nothing owed) from the write-off on.
      expect(ids(await listAll(auditor, { asOf: '2026-09-30', bucket: '90+' }))).toContain(l1);
      expect(ids(await listAll(auditor, { asOf: '2026-09-30', bucket: 'current' }))).not.toContain(l1);
      expect(ids(await listAll(auditor, { asOf: '2026-10-01', bucket: '90+' }))).not.toContain(l1);
      expect(ids(await listAll(auditor, { asOf: '2026-10-01', bucket: 'current' }))).toContain(l1);
      expect(ids(await listAll(auditor, { asOf: '2026-10-01', bucket: 'current', status: 'written-off' }))).toEqual([
        l1,
      ]);

      const l2Row = (await listAll(auditor, { asOf })).find((item) => item.loanId === l2);
      expect(l2Row).toEqual({
        loanId: l2,
        bankId: s.p2.bankId,
        enterpriseId: s.p2.enterpriseId,
        status: 'active',
        principal: '2000000.00',
        originationDate: '2026-01-10',
        maturityDate: '2027-01-15',
        fundId: null,
        position: {
          asOf,
          outstandingPrincipal: '2000000.00',
          principalDue: '0.00',
          interestDue: '40000.00',
          daysPastDue: 45,
          bucket: '31-60',
          nextInstalment: { number: 1, dueDate: '2026-02-15', principal: '0.00', interest: '20000.00' },
        },
      });

      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await listLoans(readStore, auditor, { limit: 2, after, asOf });
        pages.push(ids(page.items));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(sorted(l1, l2, l3, l4, l5));
      const bucketPage = await listLoans(readStore, auditor, { limit: 1, asOf, bucket: '1-30' });
      expect(bucketPage.items).toHaveLength(1);
      expect(bucketPage.nextCursor).not.toBeNull();

      await expect(listLoans(readStore, auditor, { bucket: 'late' as never })).rejects.toBeInstanceOf(
        InvalidReadQueryError,
      );
      await expect(listLoans(readStore, auditor, { asOf: '2026-02-30' })).rejects.toBeInstanceOf(InvalidReadQueryError);
    },
    TIMEOUT,
  );

  it(
    'a rebuild from position 0 yields exactly the rows the live projection built',
    async () => {
      const rows = () =>
        readStore.queries.query(`SELECT * FROM loan_view ORDER BY loan_id`) as Promise<Array<Record<string, unknown>>>;
      const live = await rows();
      const result = await rebuildProjection(fixture.events, readStore, loanViewProjection, { runner, batchSize: 3 });
      expect(result.events).toBeGreaterThan(0);
      expect(await rows()).toEqual(live);
      expect(live).toHaveLength(5);
    },
    TIMEOUT,
  );

  it(
    'rebuilt in one batch, every event of a loan at once, it yields the rows the live projection built seven events at a time',
    async () => {
      const rows = () =>
        readStore.queries.query(`SELECT * FROM loan_view ORDER BY loan_id`) as Promise<Array<Record<string, unknown>>>;
      const live = await rows();
      const history = await fixture.events.readAll({ after: START, maxCount: REBUILD_BATCH_SIZE });
      const ofL1 = history.filter(
        (event) =>
          loanViewProjection.handles !== 'all' &&
          loanViewProjection.handles.has(event.type) &&
          loanIdOf(event) === s.loans.l1,
      );

      const result = await rebuildProjection(fixture.events, readStore, loanViewProjection, { runner });

      expect(result.events).toBe(history.length);
      expect(history.length).toBeLessThan(REBUILD_BATCH_SIZE);
      expect(ofL1.length).toBeGreaterThan(7);
      expect(await rows()).toEqual(live);
    },
    TIMEOUT,
  );
});
