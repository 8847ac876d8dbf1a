import { ipAssetDecider, ipAssetStreamId, loanStreamId } from '@pledge-ledger/domain';
import { EnforcePledgeCommand } from '../commands/ip-assets/enforce-pledge/enforce-pledge.command';
import { RecordRecoveryCommand } from '../commands/loans/record-recovery/record-recovery.command';
import { SYSTEM_ACTOR } from '../commands/request-context';
import { PledgeEnforcementProcessManager } from './pledge-enforcement.process-manager';
import { loanWithFiledClaim, registerParties, setUpFund } from './testing/lifecycle-steps';
import {
  as,
  bankOfficer,
  bootLedger,
  countAllByType,
  described,
  openLedgerStores,
  recordingBus,
  runFromStart,
  stateOf,
  type LedgerApp,
  type LedgerStores,
} from './testing/process-manager-ledger';

/**
 * The pledge-enforcement process manager alone, on a real SQLite store. A defaulted loan pledged
 * with patents A and B records three recoveries: A sold for 600,000.00 (30,000.00 costs), a
 * guarantor's 50,000.00 (no asset), and B sold for 400,000.00 after the bank enforced B's pledge
 * itself. Only the two sales are enforced on their assets, each once.
 */
describe('PledgeEnforcementProcessManager', () => {
  let stores: LedgerStores;
  let app: LedgerApp;

  beforeEach(async () => {
    stores = await openLedgerStores('SQLite');
  });
  afterEach(async () => {
    await app?.close();
    await stores.close();
  });

  it('enforces the pledge of each asset sold in recovery, on the recovery date for its gross amount; a second run adds nothing', async () => {
    const setup = await bootLedger(stores);
    const parties = await registerParties(setup);
    const [patentA, patentB] = parties.assetIds;
    const bank = () => as(bankOfficer(parties.bankId));
    const fundId = await setUpFund(setup, parties.bankId);
    const loanId = await loanWithFiledClaim(setup, parties, fundId);
    await setup.close();

    app = await bootLedger(stores, { processManagers: false });
    await app.run(
      new RecordRecoveryCommand(
        {
          loanId,
          amount: '600000.00',
          costs: '30000.00',
          source: 'pledge-enforcement',
          assetId: patentA,
          valueDate: '2026-09-01',
        },
        bank(),
      ),
    );
    await app.run(
      new RecordRecoveryCommand(
        { loanId, amount: '50000.00', costs: null, source: 'guarantor', valueDate: '2026-09-05' },
        bank(),
      ),
    );
    await app.run(
      new EnforcePledgeCommand(
        { ipAssetId: patentB, loanId, enforcementDate: '2026-09-15', saleProceeds: '400000.00' },
        bank(),
      ),
    );
    await app.run(
      new RecordRecoveryCommand(
        {
          loanId,
          amount: '400000.00',
          costs: null,
          source: 'pledge-enforcement',
          assetId: patentB,
          valueDate: '2026-09-15',
        },
        bank(),
      ),
    );
    const before = await stateOf(stores.store, ipAssetDecider, ipAssetStreamId(patentA));
    expect(before.status === 'in-force' && before.pledge?.loanId).toBe(loanId);

    const recording = recordingBus(app.bus);
    expect(await runFromStart(stores.store, new PledgeEnforcementProcessManager(recording.bus))).toEqual([]);
    expect(described(recording.issued)).toEqual([
      [
        'EnforcePledgeCommand',
        { ipAssetId: patentA, loanId, enforcementDate: '2026-09-01', saleProceeds: '600000.00' },
      ],
      [
        'EnforcePledgeCommand',
        { ipAssetId: patentB, loanId, enforcementDate: '2026-09-15', saleProceeds: '400000.00' },
      ],
    ]);
    const sales = (await stores.store.readStream(loanStreamId(loanId))).filter(
      (e) => e.type === 'RecoveryRecorded' && e.data.source === 'pledge-enforcement',
    );
    expect(recording.issued.map((command) => command.context)).toEqual(
      sales.map((sale) => ({
        actor: SYSTEM_ACTOR,
        correlationId: sale.metadata.correlationId,
        causationId: sale.metadata.eventId,
      })),
    );

    const [enforcedA] = (await stores.store.readStream(ipAssetStreamId(patentA))).filter(
      (e) => e.type === 'PledgeEnforced',
    );
    expect(enforcedA.data).toMatchObject({ loanId, enforcementDate: '2026-09-01', saleProceeds: '600000.00' });
    expect(enforcedA.metadata.causationId).toBe(sales[0].metadata.eventId);
    for (const patent of [patentA, patentB]) {
      const asset = await stateOf(stores.store, ipAssetDecider, ipAssetStreamId(patent));
      expect(asset.status).toBe('disposed');
    }

    const counts = await countAllByType(stores.store);
    expect(counts).toMatchObject({ PledgeEnforced: 2 });
    expect(await runFromStart(stores.store, new PledgeEnforcementProcessManager(app.bus))).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });
});
