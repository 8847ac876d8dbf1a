import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '200', isNullable });
const money = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const date = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '10', isNullable });

export class FundDashboard1795564802100 implements MigrationInterface {
  readonly name = 'FundDashboard1795564802100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fund_dashboard_funds',
        columns: [
          { ...id('fund_id'), isPrimary: true, primaryKeyConstraintName: 'fund_dashboard_funds_pkey' },
          { name: 'name', type: 'varchar', length: '300' },
          date('established_on'),
          money('contributed'),
          money('paid'),
          money('recovered'),
          { name: 'policy', type: 'text', isNullable: true },
          date('latest_business_date'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fund_dashboard_banks',
        columns: [
          { ...id('fund_id'), isPrimary: true, primaryKeyConstraintName: 'fund_dashboard_banks_pkey' },
          { ...id('bank_id'), isPrimary: true, primaryKeyConstraintName: 'fund_dashboard_banks_pkey' },
          { name: 'standing', type: 'varchar', length: '20' },
          date('standing_since'),
          { name: 'standing_reason', type: 'text', isNullable: true },
          money('paid'),
          money('recovered'),
          { name: 'paid_by_year', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fund_dashboard_loans',
        columns: [
          { ...id('loan_id'), isPrimary: true, primaryKeyConstraintName: 'fund_dashboard_loans_pkey' },
          id('fund_id', true),
          id('bank_id'),
          id('enterprise_id'),
          money('principal'),
          money('covered_principal'),
          { name: 'coverage_ratio_bps', type: 'integer' },
          { name: 'tier', type: 'integer' },
          money('per_loan_cap'),
          money('max_compensation'),
          { name: 'policy_version', type: 'integer' },
          date('enrolled_on'),
          { name: 'cover_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'in_default', type: 'integer' },
        ],
        indices: [{ name: 'fund_dashboard_loans_by_fund', columnNames: ['fund_id', 'bank_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fund_dashboard_claims',
        columns: [
          { ...id('claim_id'), isPrimary: true, primaryKeyConstraintName: 'fund_dashboard_claims_pkey' },
          id('fund_id'),
          id('loan_id'),
          id('bank_id'),
          { name: 'status', type: 'varchar', length: '20' },
          money('principal_loss'),
          { name: 'coverage_ratio_bps', type: 'integer' },
          money('per_loan_cap'),
          date('filed_on'),
          { name: 'approvers', type: 'text' },
          money('round_payout', true),
          { name: 'approvals_required', type: 'integer', isNullable: true },
        ],
        indices: [{ name: 'fund_dashboard_claims_by_fund', columnNames: ['fund_id', 'status', 'claim_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'fund_dashboard_claims',
      'fund_dashboard_loans',
      'fund_dashboard_banks',
      'fund_dashboard_funds',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
