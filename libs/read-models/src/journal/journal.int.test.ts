import fc from 'fast-check';
import { formatMoney } from '@pledge-ledger/domain';
import { formatPosition, START, type Position } from '@pledge-ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { REBUILD_BATCH_SIZE, rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { InvalidLedgerQueryError } from './journal-query.errors';
import { JournalEntryRow } from './journal.entity';
import { journalProjection } from './journal.projection';
import { getTrialBalance, listJournalEntries, type JournalEntryView } from './journal.query';
import { balanceOf, journalOf, newEvent, recorded } from './testing/journal-of';
import { LedgerModel, type ModelEvent } from './testing/ledger-model';
import { STANDARD_LIFECYCLE } from './testing/standard-lifecycle';
import { step } from './testing/steps';
import { storedJournal } from './testing/stored-journal';

const TIMEOUT = 60_000;
const auditor = { sub: 'audit-1', role: 'auditor' };
const fundManager = { sub: 'fm-1', role: 'fund-manager' };

/** The standard lifecycle (testing/standard-lifecycle.ts), every step accepted. */
function standardLifecycle(): LedgerModel {
  const model = new LedgerModel('10000000.00');
  for (const step of STANDARD_LIFECYCLE) {
    if (!model.apply(step)) throw new Error(`The standard lifecycle was refused at ${JSON.stringify(step)}`);
  }
  return model;
}

const ID_FIELDS = ['fundId', 'bankId', 'enterpriseId', 'loanId', 'claimId'];

/** Prefixes every party and loan id with R- so a second history shares no account with the first. */
function renameIds(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      ID_FIELDS.includes(key) && typeof value === 'string' ? `R-${value}` : value,
    ]),
  );
}

/** Balances (debit - credit) of the standard lifecycle, by account. */
const STANDARD_BALANCES: Record<string, string> = {
  'bank:B1:cash': '-916360.20',
  'bank:B1:compensation-income': '-750000.00',
  'bank:B1:interest-income': '-20000.00',
  'bank:B1:loan-losses': '1485000.00',
  'bank:B1:loans-receivable': '0.00',
  'bank:B1:recovery-costs': '20000.00',
  'bank:B1:recovery-share-expense': '181360.20',
  'bank:B2:cash': '5000.00',
  'bank:B2:interest-income': '-5000.00',
  'bank:B2:loans-receivable': '0.00',
  'enterprise:E1:cash': '1965000.00',
  'enterprise:E1:interest-expense': '20000.00',
  'enterprise:E1:loans-payable': '-1485000.00',
  'enterprise:E1:settled-by-recovery': '-500000.00',
  'enterprise:E2:cash': '-5000.00',
  'enterprise:E2:interest-expense': '5000.00',
  'enterprise:E2:loans-payable': '0.00',
  'fund:F1:capital': '-10000000.00',
  'fund:F1:cash': '9431360.20',
  'fund:F1:compensation-expense': '750000.00',
  'fund:F1:recovery-share-income': '-181360.20',
};

describe.each(DIALECTS)('journal on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  let model: LedgerModel;
  /** Position of each of the model's events once appended. */
  let positions: Position[];

  async function appendAll(events: readonly ModelEvent[]): Promise<Position[]> {
    const result: Position[] = [];
    for (const event of events)
      result.push((await fixture.events.append(event.streamId, [newEvent(event)], 'any')).position);
    return result;
  }

  async function allEntries(query: Parameters<typeof listJournalEntries>[2] = {}): Promise<JournalEntryView[]> {
    const seen: JournalEntryView[] = [];
    let after: string | undefined;
    do {
      const page = await listJournalEntries(readStore, auditor, { ...query, limit: 4, after });
      seen.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return seen;
  }

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    runner = new ProjectionRunner(fixture.events, readStore, journalProjection, { batchSize: 7 });
    await runner.start();
    model = standardLifecycle();
    positions = await appendAll(model.events);
    await runner.waitFor(positions[positions.length - 1], 10_000);
  }, TIMEOUT);

  afterEach(async () => {
    await runner.stop();
    await fixture.close();
  }, TIMEOUT);

  it(
    'journals the standard lifecycle: exact balances per account, and the trial balance sums to zero',
    async () => {
      const trial = await getTrialBalance(readStore, fundManager);

      expect(Object.fromEntries(trial.accounts.map((a) => [a.account, a.balance]))).toEqual(STANDARD_BALANCES);
      expect(trial.totals).toEqual({ debit: trial.totals.credit, credit: trial.totals.debit, balance: '0.00' });
      // 10,000,000 + 2 x 2,000,000 + 2 x 500,000 + 2 x 505,000 + 2 x 35,000 + 2 x 750,000 + 2 x 500,000
      // + 2 x 181,360.20 + 1,485,000: every entry but the contribution and the write-off spans two parties.
      expect(trial.totals.debit).toBe('20427720.40');
      expect(trial.accounts.find((a) => a.account === 'fund:F1:cash')).toEqual({
        account: 'fund:F1:cash',
        ownerKind: 'fund',
        ownerId: 'F1',
        accountKey: 'cash',
        name: 'Cash',
        type: 'asset',
        normalSide: 'debit',
        debit: '10181360.20',
        credit: '750000.00',
        balance: '9431360.20',
      });
      // The same totals as the posting rules give in memory, column by column.
      const { totals } = journalOf(recorded(model.events));
      for (const account of trial.accounts) {
        const expected = totals.get(account.account);
        expect([account.debit, account.credit]).toEqual([formatMoney(expected!.debit), formatMoney(expected!.credit)]);
      }
      // Each party's books balance on their own.
      for (const owner of ['fund:F1', 'bank:B1', 'bank:B2', 'enterprise:E1', 'enterprise:E2']) {
        expect((await getTrialBalance(readStore, auditor, { owner })).totals.balance).toBe('0.00');
      }
    },
    TIMEOUT,
  );

  it(
    'lists one entry per money movement, linked to its event, in global order, a page at a time',
    async () => {
      const entries = await allEntries();

      expect(entries.map((e) => e.eventType)).toEqual([
        'FundCapitalContributed',
        'LoanDisbursed',
        'LoanDisbursed',
        'RepaymentReceived',
        'RepaymentReceived',
        'CompensationPaid',
        'RecoveryRecorded',
        'RecoveryShareReceived',
        'LoanWrittenOff',
      ]);
      const recovery = entries.find((e) => e.eventType === 'RecoveryRecorded')!;
      const index = model.events.findIndex((e) => e.type === 'RecoveryRecorded');
      expect(recovery).toMatchObject({
        streamId: 'loan-L1',
        position: formatPosition(positions[index]),
        total: '1000000.00',
        lines: [
          { account: 'bank:B1:cash', debit: '480000.00', credit: '0.00' },
          { account: 'bank:B1:recovery-costs', debit: '20000.00', credit: '0.00' },
          { account: 'bank:B1:loans-receivable', debit: '0.00', credit: '500000.00' },
          { account: 'enterprise:E1:loans-payable', debit: '500000.00', credit: '0.00' },
          {
            account: 'enterprise:E1:settled-by-recovery',
            ownerKind: 'enterprise',
            ownerId: 'E1',
            accountKey: 'settled-by-recovery',
            debit: '0.00',
            credit: '500000.00',
          },
        ],
      });
      const stored = (await fixture.events.readStream('loan-L1')).find((e) => e.type === 'RecoveryRecorded')!;
      expect(recovery.eventId).toBe(stored.metadata.eventId);
      expect(recovery.revision).toBe(stored.revision);
      expect(recovery.valueDate).toBe(stored.data.valueDate);
    },
    TIMEOUT,
  );

  it(
    'filters by account, party, event type and value dates',
    async () => {
      const receivable = await allEntries({ account: 'bank:B1:loans-receivable' });
      const b2 = await allEntries({ owner: 'bank:B2' });
      const repayments = await allEntries({ eventType: 'RepaymentReceived' });
      const february = await allEntries({ from: '2026-02-01', to: '2026-02-28' });

      expect(receivable.map((e) => e.eventType)).toEqual([
        'LoanDisbursed',
        'RepaymentReceived',
        'RecoveryRecorded',
        'LoanWrittenOff',
      ]);
      expect(b2.map((e) => [e.eventType, e.total])).toEqual([
        ['LoanDisbursed', '1000000.00'],
        ['RepaymentReceived', '1010000.00'],
      ]);
      expect(repayments.map((e) => [e.valueDate, e.total])).toEqual([
        ['2026-02-05', '1010000.00'],
        ['2026-02-15', '70000.00'],
      ]);
      expect(february).toEqual(repayments);
    },
    TIMEOUT,
  );

  it(
    'gives the trial balance as of a position: only the entries up to it',
    async () => {
      const paid = positions[model.events.findIndex((e) => e.type === 'CompensationPaid')];

      const trial = await getTrialBalance(readStore, auditor, { asOfPosition: formatPosition(paid) });

      expect(trial.asOfPosition).toBe(formatPosition(paid));
      expect(trial.totals.balance).toBe('0.00');
      const balances = Object.fromEntries(trial.accounts.map((a) => [a.account, a.balance]));
      expect(balances['fund:F1:cash']).toBe('9250000.00');
      expect(balances['bank:B1:loans-receivable']).toBe('1985000.00');
      expect(balances['bank:B1:loan-losses']).toBeUndefined();
      const now = await getTrialBalance(readStore, auditor, {
        asOfPosition: formatPosition(positions[positions.length - 1]),
      });
      expect(now.accounts).toEqual((await getTrialBalance(readStore, auditor)).accounts);
    },
    TIMEOUT,
  );

  it(
    'writes an entry and its totals once, even when its event is applied again',
    async () => {
      const events = (await fixture.events.readAll({ after: START, maxCount: 1000 })).filter(
        (e) => journalProjection.handles !== 'all' && journalProjection.handles.has(e.type),
      );
      const before = await getTrialBalance(readStore, auditor);

      await readStore.transaction((manager) =>
        journalProjection.apply(events, { manager, tables: journalProjection.tables, dialect }),
      );

      expect(await getTrialBalance(readStore, auditor)).toEqual(before);
      expect(await readStore.queries.getRepository(JournalEntryRow).count()).toBe(9);
    },
    TIMEOUT,
  );

  it(
    'rebuilt from position 0 in small batches, it holds exactly the rows the live projection wrote',
    async () => {
      const rows = () => storedJournal(readStore);
      const live = await rows();
      await runner.stop();

      await rebuildProjection(fixture.events, readStore, journalProjection, { batchSize: 3 });

      expect(await rows()).toEqual(live);
      expect(live.lines).toHaveLength(37);
    },
    TIMEOUT,
  );

  it(
    'rebuilt in one batch, many lines to one account at once, it holds the rows applied one event per batch',
    async () => {
      const rows = () => storedJournal(readStore);
      await runner.stop();
      await rebuildProjection(fixture.events, readStore, journalProjection, { batchSize: 1 });
      const eventByEvent = await rows();

      const rebuilt = await rebuildProjection(fixture.events, readStore, journalProjection);

      expect(rebuilt.events).toBeLessThan(REBUILD_BATCH_SIZE);
      expect(eventByEvent.lines.filter((line) => line.account === 'fund:F1:cash')).toHaveLength(3);
      expect(await rows()).toEqual(eventByEvent);
      expect((await getTrialBalance(readStore, fundManager)).totals.balance).toBe('0.00');
    },
    TIMEOUT,
  );

  it(
    'after a random history of valid commands, the trial balance query sums to zero and equals the posting rules in memory',
    async () => {
      const random = new LedgerModel('50000000.00');
      const [steps] = fc.sample(fc.array(step, { minLength: 150, maxLength: 150 }), { seed: 4242, numRuns: 1 });
      for (const s of steps) random.apply(s);
      // In the same stores, behind the lifecycle: its fund, banks and loans are different ids.
      const renamed = random.events.map((e) => ({ ...e, streamId: `r-${e.streamId}`, data: renameIds(e.data) }));
      const written = await appendAll(renamed);
      await runner.waitFor(written[written.length - 1], 20_000);

      const trial = await getTrialBalance(readStore, auditor, { owner: 'fund:R-F1' });
      const { totals } = journalOf(recorded(renamed));

      expect(totals.size).toBeGreaterThan(15);
      expect(trial.totals.balance).toBe('0.00');
      expect(trial.accounts.find((a) => a.accountKey === 'cash')?.balance).toBe(
        formatMoney(balanceOf(totals, 'fund:R-F1:cash')),
      );
      const whole = await getTrialBalance(readStore, auditor);
      expect(whole.totals.balance).toBe('0.00');
      for (const account of whole.accounts.filter((a) => a.ownerId.startsWith('R-'))) {
        expect(account.balance).toBe(formatMoney(balanceOf(totals, account.account)));
      }
      expect(whole.accounts.filter((a) => a.ownerId.startsWith('R-')).length).toBe(totals.size);
    },
    TIMEOUT,
  );

  it(
    'is for fund managers and auditors only, and refuses malformed filters',
    async () => {
      for (const caller of [
        { sub: 'clerk-1', role: 'bank', bankId: 'B1' },
        { sub: 'owner-1', role: 'enterprise', enterpriseId: 'E1' },
        { sub: 'admin-1', role: 'admin' },
      ]) {
        await expect(listJournalEntries(readStore, caller)).rejects.toBeInstanceOf(ReadAccessDeniedError);
        await expect(getTrialBalance(readStore, caller)).rejects.toBeInstanceOf(ReadAccessDeniedError);
      }
      await expect(listJournalEntries(readStore, auditor, { from: '2026-2-1' })).rejects.toMatchObject({
        code: 'LEDGER.INVALID_QUERY',
        field: 'from',
      });
      await expect(listJournalEntries(readStore, auditor, { after: 'x' })).rejects.toBeInstanceOf(
        InvalidLedgerQueryError,
      );
      await expect(getTrialBalance(readStore, auditor, { owner: 'bank' })).rejects.toBeInstanceOf(
        InvalidLedgerQueryError,
      );
      await expect(getTrialBalance(readStore, auditor, { asOfPosition: '-1' })).rejects.toBeInstanceOf(
        InvalidLedgerQueryError,
      );
    },
    TIMEOUT,
  );
});
