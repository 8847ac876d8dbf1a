import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Claims1795564802000 implements MigrationInterface {
  readonly name = 'Claims1795564802000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'claims',
        columns: [
          {
            name: 'claim_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'claims_pkey',
          },
          { name: 'loan_id', type: 'varchar', length: '200' },
          { name: 'bank_id', type: 'varchar', length: '200' },
          { name: 'fund_id', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '20' },
          // Money: integer fen.
          { name: 'principal_loss', type: 'bigint' },
          { name: 'outstanding_principal_at_default', type: 'bigint' },
          { name: 'recoveries_so_far', type: 'bigint' },
          { name: 'cover', type: 'text' },
          { name: 'filed_by', type: 'varchar', length: '200' },
          { name: 'filed_on', type: 'varchar', length: '10' },
          { name: 'filings', type: 'integer' },
          { name: 'approvers', type: 'text' },
          { name: 'approvals', type: 'text' },
          { name: 'rejections', type: 'text' },
          { name: 'paid_amount', type: 'bigint', isNullable: true },
          { name: 'paid_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'payment_refusals', type: 'text' },
          { name: 'recovery_shares', type: 'text' },
          { name: 'cumulative_shared', type: 'bigint' },
          { name: 'last_position', type: 'varchar', length: '64' },
        ],
        indices: [
          { name: 'claims_by_bank', columnNames: ['bank_id', 'claim_id'] },
          { name: 'claims_by_status', columnNames: ['status', 'claim_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('claims');
  }
}
