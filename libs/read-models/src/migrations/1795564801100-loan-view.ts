import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The loans view (loans/loan-view.entity.ts). */
export class LoanView1795564801100 implements MigrationInterface {
  readonly name = 'LoanView1795564801100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'loan_view',
        columns: [
          {
            name: 'loan_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'loan_view_pkey',
          },
          { name: 'bank_id', type: 'varchar', length: '200' },
          { name: 'enterprise_id', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '30' },
          // Fen.
          { name: 'principal', type: 'bigint' },
          // ISO dates "YYYY-MM-DD": text sorts like the date on both databases.
          { name: 'origination_date', type: 'varchar', length: '10' },
          { name: 'disbursement_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'last_repayment_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'next_due_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'fund_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'state', type: 'text' },
          { name: 'asset_pledges', type: 'text' },
          { name: 'enrolment', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'loan_view_by_bank', columnNames: ['bank_id', 'loan_id'] },
          { name: 'loan_view_by_enterprise', columnNames: ['enterprise_id', 'loan_id'] },
          { name: 'loan_view_by_fund', columnNames: ['fund_id', 'loan_id'] },
          { name: 'loan_view_by_next_due_date', columnNames: ['next_due_date'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('loan_view');
  }
}
