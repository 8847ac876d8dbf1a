import type { RecordedEvent } from '@pledge-ledger/event-store';
import type { LoanOriginated } from '@pledge-ledger/domain';
import type { BatchWrites, ProjectionContext, ProjectionRebuild } from '../projections/projection';
import { prepareBulkInsert } from '../sql/insert-rows';
import { runRowStatements, upsertStatements } from '../sql/upsert-rows';
import { journalBalanceRow, journalEntryRow, journalLineRows } from './journal-rows';
import { journalEntryFor, type JournalEntry } from './posting-rules';
import type { BalanceTotals, JournalTables } from './journal.projection';

/**
 * The journal's rebuild fold (ProjectionRebuild): the rows `apply` writes, computed in memory.
 * What `apply` reads back from its tables is kept here instead: each loan's enterprise (from its
 * LoanOriginated) and each account's running totals, so a batch's rows never wait for the
 * previous batch's statements. Both grow with loans and accounts, not with events.
 *
 * `apply` skips an entry whose event id is stored already; a rebuild reads every event once, so
 * its entries are plain INSERTs: an event id recorded twice in the history (which the stores and
 * the import never let happen) fails the rebuild on the entries' key instead of counting once.
 */
export type JournalRows = Record<JournalTables, Array<Record<string, string | number>>>;

export class JournalRebuild implements ProjectionRebuild<JournalTables> {
  private readonly enterprises = new Map<string, string>();
  private readonly totals = new Map<string, BalanceTotals>();
  private loans: Array<Record<string, string>> = [];
  private entries: JournalEntry[] = [];
  private touched = new Set<string>();

  constructor(private readonly target: Omit<ProjectionContext<JournalTables>, 'manager'>) {}

  add(event: RecordedEvent): void {
    if (event.type === 'LoanOriginated') {
      const loan = event.data as unknown as LoanOriginated['data'];
      this.enterprises.set(loan.loanId, loan.enterpriseId);
      this.loans.push({ loan_id: loan.loanId, bank_id: loan.bankId, enterprise_id: loan.enterpriseId });
    }
    const entry = journalEntryFor(event, (loanId) => this.enterprises.get(loanId));
    if (!entry) return;
    this.entries.push(entry);
    for (const line of entry.lines) {
      const total = this.totals.get(line.account);
      if (total) {
        total.debit += line.debit;
        total.credit += line.credit;
      } else {
        this.totals.set(line.account, { debit: line.debit, credit: line.credit });
      }
      this.touched.add(line.account);
    }
  }

  take(): BatchWrites<JournalTables> {
    const { dialect, tables } = this.target;
    const rows = this.takeRows();
    const inserts = [
      prepareBulkInsert(dialect, tables.loans, rows.loans),
      prepareBulkInsert(dialect, tables.entries, rows.entries),
      prepareBulkInsert(dialect, tables.lines, rows.lines),
    ];
    const balances = upsertStatements(dialect, tables.balances, rows.balances, {
      key: ['account'],
      update: ['debit_total', 'credit_total'],
    });
    return async (context) => {
      for (const insert of inserts) await insert(context);
      await runRowStatements(context, balances);
    };
  }

  /**
   * The rows of every event added since the last call, by table: loans originated, entries, their
   * lines, and the totals of the accounts they touched as they stand now. `take` writes these; B4's
   * ceiling (bench/src/projections-ceiling.ts) writes the same rows with no projection around them.
   */
  takeRows(): JournalRows {
    const rows: JournalRows = {
      loans: this.loans,
      entries: this.entries.map(journalEntryRow),
      lines: this.entries.flatMap(journalLineRows),
      balances: [...this.touched].map((account) => {
        const total = this.totals.get(account)!;
        return journalBalanceRow(account, total.debit, total.credit);
      }),
    };
    this.loans = [];
    this.entries = [];
    this.touched = new Set();
    return rows;
  }
}
