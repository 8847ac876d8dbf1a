import fc from 'fast-check';
import { availableBalance, type Fen, type LoanState } from '@pledge-ledger/domain';
import { STANDARD_LIFECYCLE } from './testing/standard-lifecycle';
import { BANK_IDS, ENTERPRISE_IDS, FUND_ID, LedgerModel } from './testing/ledger-model';
import { step } from './testing/steps';
import { balanceOf, journalOf, recorded, sumBalances } from './testing/journal-of';
import { POSTING_EVENT_TYPES, unbalancedOwners } from './posting-rules';

/** Principal the bank still carries for a loan, by the loan's own state. */
function carried(state: LoanState): Fen {
  switch (state.status) {
    case 'active':
      return state.terms.principal - state.servicing.principalRepaid;
    case 'defaulted':
      return state.default.outstandingPrincipal - state.recoveries.totalRecovered;
    default:
      return 0n;
  }
}

describe('the journal after any sequence of valid commands', () => {
  const posted = new Set<string>();

  it('balances every entry, within each party too, and the trial balance sums to zero', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80, size: 'large' }), (steps) => {
        const model = new LedgerModel();
        for (const s of steps) model.apply(s);
        const events = recorded(model.events);
        const { entries, totals } = journalOf(events);

        expect(entries).toHaveLength(
          events.filter((e) => POSTING_EVENT_TYPES.has(e.type) && !/^0\.00$/.test(String(e.data.amount))).length,
        );
        for (const entry of entries) {
          posted.add(entry.eventType);
          expect(unbalancedOwners(entry.lines)).toEqual([]);
          const debit = entry.lines.reduce((sum, line) => sum + line.debit, 0n);
          const credit = entry.lines.reduce((sum, line) => sum + line.credit, 0n);
          expect(debit).toBe(credit);
          for (const line of entry.lines) expect(line.debit > 0n !== line.credit > 0n).toBe(true);
        }

        // The trial balance, for the whole ledger and for each party's books.
        expect(sumBalances(totals, () => true)).toBe(0n);
        const parties = [
          `fund:${FUND_ID}:`,
          ...BANK_IDS.map((b) => `bank:${b}:`),
          ...ENTERPRISE_IDS.map((e) => `enterprise:${e}:`),
        ];
        for (const party of parties) expect(sumBalances(totals, (a) => a.startsWith(party))).toBe(0n);

        // The books agree with the aggregates and with each other.
        expect(balanceOf(totals, `fund:${FUND_ID}:cash`)).toBe(availableBalance(model.fund));
        for (const bankId of BANK_IDS) {
          const expected = model.loans
            .filter((l) => l.bankId === bankId)
            .reduce((sum, l) => sum + carried(l.state), 0n);
          expect(balanceOf(totals, `bank:${bankId}:loans-receivable`)).toBe(expected);
        }
        const owedByEnterprises = -sumBalances(totals, (a) => a.endsWith(':loans-payable'));
        const carriedAndWrittenOff =
          sumBalances(totals, (a) => a.endsWith(':loans-receivable')) +
          sumBalances(totals, (a) => a.endsWith(':loan-losses'));
        expect(owedByEnterprises).toBe(carriedAndWrittenOff);
        expect(balanceOf(totals, `fund:${FUND_ID}:compensation-expense`)).toBe(
          -sumBalances(totals, (a) => a.endsWith(':compensation-income')),
        );
        expect(-balanceOf(totals, `fund:${FUND_ID}:recovery-share-income`)).toBe(
          sumBalances(totals, (a) => a.endsWith(':recovery-share-expense')),
        );
      }),
      // The standard lifecycle first: every kind of money movement is exercised whatever the random runs do.
      { numRuns: 150, examples: [[[...STANDARD_LIFECYCLE]]] },
    );
  });

  it('covered every kind of money movement across the runs', () => {
    expect([...posted].sort()).toEqual([...POSTING_EVENT_TYPES].sort());
  });
});
