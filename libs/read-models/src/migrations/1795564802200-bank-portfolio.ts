import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '200', isNullable });
const date = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '10', isNullable });

export class BankPortfolio1795564802200 implements MigrationInterface {
  readonly name = 'BankPortfolio1795564802200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'bank_portfolio_banks',
        columns: [
          { ...id('bank_id'), isPrimary: true, primaryKeyConstraintName: 'bank_portfolio_banks_pkey' },
          { name: 'name', type: 'varchar', length: '300' },
          date('latest_business_date', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bank_portfolio_loans',
        columns: [
          { ...id('loan_id'), isPrimary: true, primaryKeyConstraintName: 'bank_portfolio_loans_pkey' },
          id('bank_id'),
          id('enterprise_id'),
          id('fund_id', true),
          { name: 'status', type: 'varchar', length: '20' },
          // Money: integer fen.
          { name: 'principal', type: 'bigint' },
          { name: 'outstanding_principal', type: 'bigint' },
          { name: 'bucket', type: 'varchar', length: '10', isNullable: true },
          { name: 'days_past_due', type: 'integer', isNullable: true },
          date('bucket_as_of', true),
        ],
        indices: [{ name: 'bank_portfolio_loans_by_bank', columnNames: ['bank_id', 'status'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bank_portfolio_fund_policies',
        columns: [
          { ...id('fund_id'), isPrimary: true, primaryKeyConstraintName: 'bank_portfolio_fund_policies_pkey' },
          { name: 'policy', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bank_portfolio_fund_banks',
        columns: [
          { ...id('fund_id'), isPrimary: true, primaryKeyConstraintName: 'bank_portfolio_fund_banks_pkey' },
          { ...id('bank_id'), isPrimary: true, primaryKeyConstraintName: 'bank_portfolio_fund_banks_pkey' },
          { name: 'standing', type: 'varchar', length: '20' },
          { name: 'paid_by_year', type: 'text' },
        ],
        indices: [{ name: 'bank_portfolio_fund_banks_by_bank', columnNames: ['bank_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'bank_portfolio_fund_banks',
      'bank_portfolio_fund_policies',
      'bank_portfolio_loans',
      'bank_portfolio_banks',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
