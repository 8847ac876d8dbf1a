import type { ClaimState } from '@pledge-ledger/domain';
import {
  availableBalance,
  claimDecider,
  claimStreamId,
  riskFundDecider,
  riskFundStreamId,
} from '@pledge-ledger/domain';
import { ApproveClaimCommand } from '../commands/claims/approve-claim/approve-claim.command';
import { AdmitBankCommand } from '../commands/risk-funds/admit-bank/admit-bank.command';
import { ClaimPaymentProcessManager } from './claim-payment.process-manager';
import { loanWithFiledClaim, registerParties, setUpFund } from './testing/lifecycle-steps';
import {
  as,
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
 * The claim-payment process manager alone, on a real SQLite store. The claims are brought to
 * approval with every other process manager running; then only this one runs, from START.
 */
describe('ClaimPaymentProcessManager', () => {
  let stores: LedgerStores;
  let setup: LedgerApp;
  let app: LedgerApp;

  beforeEach(async () => {
    stores = await openLedgerStores('SQLite');
    setup = await bootLedger(stores);
  });
  afterEach(async () => {
    await app?.close();
    await stores.close();
  });

  /** Stops the background process managers: from here on only the manager under test runs. */
  async function managersOff(): Promise<void> {
    await setup.close();
    app = await bootLedger(stores, { processManagers: false });
  }

  function manager() {
    const recording = recordingBus(app.bus);
    return { pm: new ClaimPaymentProcessManager(recording.bus, stores.store), issued: recording.issued };
  }

  const approveTwice = async (loanId: string) => {
    await app.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-25' }, as(fm1)));
    await app.run(new ApproveClaimCommand({ claimId: loanId, approvedOn: '2026-06-26' }, as(fm2)));
  };

  it('pays a fully approved claim out of the fund, then marks it paid; a second run pays nothing more', async () => {
    const parties = await registerParties(setup);
    const fundId = await setUpFund(setup, parties.bankId);
    const loanId = await loanWithFiledClaim(setup, parties, fundId);
    await managersOff();
    await approveTwice(loanId);

    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);
    // The first approval (one of two required) pays nothing; the second pays the 750,000.00 payout.
    expect(described(issued)).toEqual([
      [
        'PayCompensationCommand',
        { fundId, claimId: loanId, loanId, bankId: parties.bankId, amount: '750000.00', valueDate: '2026-06-26' },
      ],
      ['MarkClaimPaidCommand', { claimId: loanId, amount: '750000.00', paidOn: '2026-06-26' }],
    ]);
    const fund = await stateOf(stores.store, riskFundDecider, riskFundStreamId(fundId));
    expect(fund.status === 'established' && fund.paid).toBe(75_000_000n);
    expect((await stateOf(stores.store, claimDecider, claimStreamId(loanId))).status).toBe('paid');

    const counts = await countAllByType(stores.store);
    const again = manager();
    expect(await runFromStart(stores.store, again.pm)).toEqual([]);
    // Delivered again, the approval asks nothing of a claim already paid; MarkClaimPaid is a no-op.
    expect(described(again.issued).map(([name]) => name)).toEqual(['MarkClaimPaidCommand']);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });

  it("records the fund's refusal on the claim when the balance no longer covers the approved payout", async () => {
    // Capital 1,000,000.00: each claim's payout (750,000.00) fits when approved, not both.
    const first = await registerParties(setup);
    const fundId = await setUpFund(setup, first.bankId, '1000000.00');
    const second = await registerParties(setup);
    await setup.run(new AdmitBankCommand({ fundId, bankId: second.bankId, admittedOn: '2026-01-03' }, as(fm1)));
    const firstLoan = await loanWithFiledClaim(setup, first, fundId);
    const secondLoan = await loanWithFiledClaim(setup, second, fundId);
    await managersOff();
    await approveTwice(firstLoan);
    await approveTwice(secondLoan);

    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);
    expect(described(issued).map(([name, data]) => [name, (data as { claimId: string }).claimId])).toEqual([
      ['PayCompensationCommand', firstLoan],
      ['PayCompensationCommand', secondLoan],
      ['RecordClaimPaymentRefusedCommand', secondLoan],
      ['MarkClaimPaidCommand', firstLoan],
    ]);
    expect(issued[2].data).toEqual({
      claimId: secondLoan,
      code: 'FUND.INSUFFICIENT_BALANCE',
      reason: expect.stringContaining('250000.00'),
      refusedOn: '2026-06-26',
    });
    // The second claim's approvals lapsed: it awaits approval again on fresh figures.
    const refused = (await stateOf(stores.store, claimDecider, claimStreamId(secondLoan))) as ClaimState;
    expect(refused.status).toBe('filed');
    const fund = await stateOf(stores.store, riskFundDecider, riskFundStreamId(fundId));
    // 1,000,000.00 - 750,000.00 = 250,000.00 left.
    expect(availableBalance(fund)).toBe(25_000_000n);

    const counts = await countAllByType(stores.store);
    expect(counts).toMatchObject({ CompensationPaid: 1, ClaimPaid: 1, ClaimPaymentRefused: 1 });
    expect(await runFromStart(stores.store, manager().pm)).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });
});
