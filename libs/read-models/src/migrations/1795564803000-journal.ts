import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The double-entry journal: one entry per money-moving event, its lines, each account's running
 * totals (so the trial balance reads one small table) and the loan → enterprise map the posting
 * rules need. Money in BIGINT fen. No foreign keys: a rebuild copies these tables.
 */
export class Journal1795564803000 implements MigrationInterface {
  readonly name = 'Journal1795564803000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'journal_entries',
        columns: [
          {
            name: 'event_id',
            type: 'varchar',
            length: '100',
            isPrimary: true,
            primaryKeyConstraintName: 'journal_entries_pkey',
          },
          // formatPosition text for the API, and its two parts for ordering and as-of filters.
          { name: 'position', type: 'varchar', length: '64' },
          { name: 'position_commit', type: 'bigint' },
          { name: 'position_prepare', type: 'bigint' },
          { name: 'stream_id', type: 'varchar', length: '300' },
          { name: 'revision', type: 'integer' },
          { name: 'event_type', type: 'varchar', length: '200' },
          // ISO business date, and ISO-8601 recorded-at: text sorts like the date on both databases.
          { name: 'value_date', type: 'varchar', length: '10' },
          { name: 'recorded_at', type: 'varchar', length: '40' },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'total', type: 'bigint' },
        ],
        indices: [
          { name: 'journal_entries_by_position', columnNames: ['position_commit', 'position_prepare'], isUnique: true },
          { name: 'journal_entries_by_type', columnNames: ['event_type', 'position_commit', 'position_prepare'] },
          { name: 'journal_entries_by_value_date', columnNames: ['value_date'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'journal_lines',
        columns: [
          {
            name: 'event_id',
            type: 'varchar',
            length: '100',
            isPrimary: true,
            primaryKeyConstraintName: 'journal_lines_pkey',
          },
          { name: 'line_no', type: 'integer', isPrimary: true, primaryKeyConstraintName: 'journal_lines_pkey' },
          { name: 'account', type: 'varchar', length: '400' },
          { name: 'owner_kind', type: 'varchar', length: '20' },
          { name: 'owner_id', type: 'varchar', length: '300' },
          { name: 'account_key', type: 'varchar', length: '60' },
          { name: 'debit', type: 'bigint' },
          { name: 'credit', type: 'bigint' },
          { name: 'position_commit', type: 'bigint' },
          { name: 'position_prepare', type: 'bigint' },
        ],
        indices: [
          { name: 'journal_lines_by_account', columnNames: ['account', 'position_commit', 'position_prepare'] },
          { name: 'journal_lines_by_position', columnNames: ['position_commit', 'position_prepare'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'journal_account_balances',
        columns: [
          {
            name: 'account',
            type: 'varchar',
            length: '400',
            isPrimary: true,
            primaryKeyConstraintName: 'journal_account_balances_pkey',
          },
          { name: 'owner_kind', type: 'varchar', length: '20' },
          { name: 'owner_id', type: 'varchar', length: '300' },
          { name: 'account_key', type: 'varchar', length: '60' },
          { name: 'debit_total', type: 'bigint' },
          { name: 'credit_total', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'journal_loans',
        columns: [
          {
            name: 'loan_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'journal_loans_pkey',
          },
          { name: 'bank_id', type: 'varchar', length: '200' },
          { name: 'enterprise_id', type: 'varchar', length: '200' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('journal_loans');
    await queryRunner.dropTable('journal_account_balances');
    await queryRunner.dropTable('journal_lines');
    await queryRunner.dropTable('journal_entries');
  }
}
