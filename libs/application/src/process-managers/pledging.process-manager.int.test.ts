import { ipAssetStreamId, loanStreamId } from '@pledge-ledger/domain';
import { FileInvalidationCommand } from '../commands/ip-assets/file-invalidation/file-invalidation.command';
import { RecordAnnualFeeLapseCommand } from '../commands/ip-assets/record-annual-fee-lapse/record-annual-fee-lapse.command';
import { ReceiveRepaymentCommand } from '../commands/loans/receive-repayment/receive-repayment.command';
import { PledgingProcessManager } from './pledging.process-manager';
import { disburse, originateLoan, pledgeOf, registerParties, type Parties } from './testing/lifecycle-steps';
import {
  admin,
  as,
  bankOfficer,
  bootLedger,
  countAllByType,
  described,
  openLedgerStores,
  recordingBus,
  runFromStart,
  type LedgerApp,
  type LedgerStores,
} from './testing/process-manager-ledger';

/** The pledging process manager alone, on a real SQLite store, run over the feed from START. */
describe('PledgingProcessManager', () => {
  let stores: LedgerStores;
  let app: LedgerApp;
  let parties: Parties;

  beforeEach(async () => {
    stores = await openLedgerStores('SQLite');
    app = await bootLedger(stores, { processManagers: false });
    parties = await registerParties(app);
  });
  afterEach(async () => {
    await app.close();
    await stores.close();
  });

  function manager() {
    const recording = recordingBus(app.bus);
    return { pm: new PledgingProcessManager(recording.bus, stores.store), issued: recording.issued };
  }

  it('registers a pledge on every asset of a new loan, then secures them on the loan; a second run changes nothing', async () => {
    const [patentA, patentB] = parties.assetIds;
    const { loanId } = await originateLoan(app, parties);
    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);

    const pledge = (assetId: string) => ({
      ipAssetId: assetId,
      loanId,
      registrationNumber: pledgeOf(assetId).registrationNumber,
      pledgeDate: '2026-01-10',
      consentingOwnerIds: [],
    });
    expect(described(issued)).toEqual([
      ['RegisterPledgeCommand', pledge(patentA)],
      ['RegisterPledgeCommand', pledge(patentB)],
      [
        'SecurePledgesCommand',
        {
          loanId,
          pledges: [patentA, patentB].map((assetId) => ({
            assetId,
            registrationNumber: pledgeOf(assetId).registrationNumber,
            registeredOn: '2026-01-10',
          })),
        },
      ],
    ]);
    const originated = (await stores.store.readStream(loanStreamId(loanId)))[0];
    for (const command of issued) {
      expect(command.context).toEqual({
        actor: { sub: 'system', role: 'system' },
        correlationId: originated.metadata.correlationId,
        causationId: originated.metadata.eventId,
      });
    }

    const counts = await countAllByType(stores.store);
    expect(counts).toMatchObject({ PledgeRegistered: 2, LoanPledgesSecured: 1 });
    const again = manager();
    expect(await runFromStart(stores.store, again.pm)).toEqual([]);
    expect(described(again.issued)).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });

  it('refuses the loan with every reason of every refused asset and releases the pledge it had registered; a second run changes nothing', async () => {
    const [patentA, patentB] = parties.assetIds;
    await app.run(new RecordAnnualFeeLapseCommand({ ipAssetId: patentB, lapseDate: '2026-01-02' }, as(admin)));
    await app.run(
      new FileInvalidationCommand({ ipAssetId: patentB, caseNumber: '4W112233', filingDate: '2026-01-03' }, as(admin)),
    );
    const { loanId } = await originateLoan(app, parties);
    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);

    expect(described(issued).map(([name]) => name)).toEqual([
      'RegisterPledgeCommand',
      'RegisterPledgeCommand',
      'RefusePledgesCommand',
      'ReleasePledgeCommand',
    ]);
    expect(issued[2].data).toEqual({
      loanId,
      refusals: [
        {
          assetId: patentB,
          reasons: [
            expect.stringMatching(/^IP_ASSET\.ANNUAL_FEE_LAPSED: /),
            expect.stringMatching(/^IP_ASSET\.INVALIDATION_PENDING: .*4W112233/),
          ],
        },
      ],
    });
    expect(issued[3].data).toEqual({ ipAssetId: patentA, loanId, releaseDate: '2026-01-10', reason: 'pledge-refused' });
    // The release answers the loan's refusal, not the origination.
    const refusedEvent = (await stores.store.readStream(loanStreamId(loanId)))[1];
    expect(refusedEvent.type).toBe('LoanPledgeRefused');
    expect(issued[3].context.causationId).toBe(refusedEvent.metadata.eventId);
    expect((await stores.store.readStream(ipAssetStreamId(patentA))).map((e) => e.type)).toEqual([
      'IpAssetRegistered',
      'ValuationRecorded',
      'PledgeRegistered',
      'PledgeReleased',
    ]);

    const counts = await countAllByType(stores.store);
    const again = manager();
    expect(await runFromStart(stores.store, again.pm)).toEqual([]);
    expect(described(again.issued)).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });

  it('releases every pledge of a repaid loan', async () => {
    const { loanId } = await originateLoan(app, parties);
    await runFromStart(stores.store, manager().pm);
    await disburse(app, parties, loanId);
    // Everything owed on 2026-02-15: the first month's interest 20,000.00 and the principal.
    await app.run(
      new ReceiveRepaymentCommand(
        { loanId, amount: '2020000.00', valueDate: '2026-02-15' },
        as(bankOfficer(parties.bankId)),
      ),
    );
    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);
    expect(described(issued).filter(([name]) => name === 'ReleasePledgeCommand')).toEqual(
      parties.assetIds.map((ipAssetId) => [
        'ReleasePledgeCommand',
        { ipAssetId, loanId, releaseDate: '2026-02-15', reason: 'loan-repaid' },
      ]),
    );
    const counts = await countAllByType(stores.store);
    expect(counts.PledgeReleased).toBe(2);
    await runFromStart(stores.store, manager().pm);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });
});
