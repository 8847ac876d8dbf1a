import { loanDecider, loanStreamId, riskFundDecider, riskFundStreamId } from '@pledge-ledger/domain';
import { ReceiveRepaymentCommand } from '../commands/loans/receive-repayment/receive-repayment.command';
import { EnrolLoanCommand } from '../commands/risk-funds/enrol-loan/enrol-loan.command';
import { FundCoverageProcessManager } from './fund-coverage.process-manager';
import { PledgingProcessManager } from './pledging.process-manager';
import { disburse, originateLoan, registerParties, setUpFund } from './testing/lifecycle-steps';
import {
  as,
  bankOfficer,
  bootLedger,
  countAllByType,
  described,
  fm1,
  openLedgerStores,
  recordingBus,
  runFromStart,
  stateOf,
  type LedgerApp,
  type LedgerStores,
} from './testing/process-manager-ledger';

/** The fund-coverage process manager alone, on a real SQLite store, run over the feed from START. */
describe('FundCoverageProcessManager', () => {
  let stores: LedgerStores;
  let app: LedgerApp;

  beforeEach(async () => {
    stores = await openLedgerStores('SQLite');
    app = await bootLedger(stores, { processManagers: false });
  });
  afterEach(async () => {
    await app.close();
    await stores.close();
  });

  function manager() {
    const recording = recordingBus(app.bus);
    return { pm: new FundCoverageProcessManager(recording.bus, stores.store), issued: recording.issued };
  }

  it("records the enrolment's cover and the policy's default threshold on the loan, and releases the cover once the loan is repaid", async () => {
    const parties = await registerParties(app);
    const fundId = await setUpFund(app, parties.bankId);
    const { loanId } = await originateLoan(app, parties);
    await runFromStart(stores.store, new PledgingProcessManager(app.bus, stores.store));
    await disburse(app, parties, loanId);
    await app.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, as(fm1)));

    const { pm, issued } = manager();
    expect(await runFromStart(stores.store, pm)).toEqual([]);
    expect(described(issued)).toEqual([
      [
        'RecordFundCoverageCommand',
        {
          loanId,
          fundId,
          coverageRatioBps: 4000,
          coveredPrincipal: '2000000.00',
          policyVersion: 1,
          defaultThresholdDays: 90,
        },
      ],
    ]);
    const covered = await stateOf(stores.store, loanDecider, loanStreamId(loanId));
    expect(covered.status !== 'none' && covered.coverage?.defaultThresholdDays).toBe(90);
    let counts = await countAllByType(stores.store);
    expect(await runFromStart(stores.store, manager().pm)).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);

    // Repaid in full on 2026-02-15 (20,000.00 interest and the principal): the fund releases the cover.
    await app.run(
      new ReceiveRepaymentCommand(
        { loanId, amount: '2020000.00', valueDate: '2026-02-15' },
        as(bankOfficer(parties.bankId)),
      ),
    );
    const onRepaid = manager();
    expect(await runFromStart(stores.store, onRepaid.pm)).toEqual([]);
    expect(described(onRepaid.issued).at(-1)).toEqual([
      'ReleaseLoanCoverCommand',
      { fundId, loanId, reason: 'loan-repaid', releasedOn: '2026-02-15' },
    ]);
    const fund = await stateOf(stores.store, riskFundDecider, riskFundStreamId(fundId));
    expect(fund.status === 'established' && fund.enrolments[loanId].status).toBe('released');
    counts = await countAllByType(stores.store);
    expect(await runFromStart(stores.store, manager().pm)).toEqual([]);
    expect(await countAllByType(stores.store)).toEqual(counts);
  });
});
