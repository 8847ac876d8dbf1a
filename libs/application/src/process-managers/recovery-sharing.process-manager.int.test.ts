import { claimDecider, claimStreamId, loanStreamId, riskFundDecider, riskFundStreamId } from '@pledge-ledger/domain';
import { ApproveClaimCommand } from '../commands/claims/approve-claim/approve-claim.command';
import { RecordRecoveryCommand } from '../commands/loans/record-recovery/record-recovery.command';
import { ClaimPaymentProcessManager } from './claim-payment.process-manager';
import { RecoverySharingProcessManager } from './recovery-sharing.process-manager';
import { loanWithFiledClaim, registerParties, setUpFund } from './testing/lifecycle-steps';
import {
  as,
  bankOfficer,
  bootLedger,
  countAllByType,
  described,
  fm1,
  fm2,
  openLedgerStores,
  recordingBus,
  runFromStart,
  stateOf,
  type LedgerApp,
  type LedgerStores,
} from './testing/process-manager-ledger';

/**
 * The recovery-sharing process manager alone, on a real SQLite store. Three recoveries on a
 * defaulted loan whose 1,985,000.00 was outstanding at default:
 * - R0 before the claim was filed: 100,000.00, so the claim's loss is 1,885,000.00 and its payout
 *   min(40 % x 1,885,000.00 = 754,000.00, per-loan cap 750,000.00) = 750,000.00: not shared;
 * - R1 after filing, before payment: 50,000.00, shared once the claim is paid:
 *   floor(50,000.00 x 750,000.00 / 1,885,000.00) = floor(19,893.899...) = 19,893.89;
 * - R2 after payment: 200,000.00 less 10,000.00 costs = 190,000.00 net:
 *   floor(190,000.00 x 750,000.00 / 1,885,000.00) = floor(75,596.816...) = 75,596.81.
 */
describe('RecoverySharingProcessManager', () => {
  let stores: LedgerStores;
  let app: LedgerApp;

  beforeEach(async () => {
    stores = await openLedgerStores('SQLite');
  });
  afterEach(async () => {
    await app?.close();
    await stores.close();
  });

  it('shares with the fund each net recovery made since the claim was filed, once the claim is paid; a second run shares nothing more', async () => {
    const setup = await bootLedger(stores);
    const parties = await registerParties(setup);
    const bank = () => as(bankOfficer(parties.bankId));
    const recover = (target: LedgerApp, loanId: string, amount: string, valueDate: string, costs: string | null) =>
      target.run(new RecordRecoveryCommand({ loanId, amount, costs, source: 'guarantor', valueDate }, bank()));
    const fundId = await setUpFund(setup, parties.bankId);
    const loanId = await loanWithFiledClaim(setup, parties, fundId, (id) =>
      recover(setup, id, '100000.00', '2026-06-16', null),
    );
    await setup.close();

    app = await bootLedger(stores, { processManagers: false });
    await recover(app, loanId, '50000.00', '2026-06-22', null);
    await app.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-25' }, as(fm1)));
    await app.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-26' }, as(fm2)));
    await runFromStart(stores.store, new ClaimPaymentProcessManager(app.bus, stores.store));
    await recover(app, loanId, '200000.00', '2026-07-10', '10000.00');

    const recording = recordingBus(app.bus);
    expect(await runFromStart(stores.store, new RecoverySharingProcessManager(recording.bus, stores.store))).toEqual(
      [],
    );
    const [r0, r1, r2] = (await stores.store.readStream(loanStreamId(loanId))).filter(
      (e) => e.type === 'RecoveryRecorded',
    );
    // Replayed from START every step reads today's state, so a recovery may be asked to be shared
    // more than once (on its own event and on ClaimPaid): the claim shares each recovery once.
    const distinct = (name: string) => [
      ...new Map(
        described(recording.issued)
          .filter(([commandName]) => commandName === name)
          .map(([, data]) => [JSON.stringify(data), data]),
      ).values(),
    ];
    expect(distinct('ShareRecoveryCommand')).toEqual([
      { claimId: loanId, recoveryId: r1.metadata.eventId, recoveryAmount: '50000.00', sharedOn: '2026-06-22' },
      { claimId: loanId, recoveryId: r2.metadata.eventId, recoveryAmount: '190000.00', sharedOn: '2026-07-10' },
    ]);
    expect(distinct('ReceiveRecoveryShareCommand')).toEqual([
      { fundId, claimId: loanId, recoveryId: r1.metadata.eventId, amount: '19893.89', valueDate: '2026-06-22' },
      { fundId, claimId: loanId, recoveryId: r2.metadata.eventId, amount: '75596.81', valueDate: '2026-07-10' },
    ]);
    const shared = (await stores.store.readStream(claimStreamId(loanId))).filter((e) => e.type === 'RecoveryShared');
    expect(shared.map((e) => [e.data.recoveryId, e.data.fundShare])).toEqual([
      [r1.metadata.eventId, '19893.89'],
      [r2.metadata.eventId, '75596.81'],
    ]);
    expect(recording.issued.some((command) => JSON.stringify(command.data).includes(r0.metadata.eventId))).toBe(false);

    const claim = await stateOf(stores.store, claimDecider, claimStreamId(loanId));
    // 19,893.89 + 75,596.81 = 95,490.70
    expect(claim.status === 'paid' && claim.cumulativeShared).toBe(9_549_070n);
    const fund = await stateOf(stores.store, riskFundDecider, riskFundStreamId(fundId));
    expect(fund.status === 'established' && fund.recovered).toBe(9_549_070n);

    const counts = await countAllByType(stores.store);
    expect(counts).toMatchObject({ RecoveryShared: 2, RecoveryShareReceived: 2 });
    expect(await runFromStart(stores.store, new RecoverySharingProcessManager(app.bus, stores.store))).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });
});
