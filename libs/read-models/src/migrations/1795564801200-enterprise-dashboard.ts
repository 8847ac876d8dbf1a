import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, primaryKeyConstraintName?: string) => ({
  name,
  type: 'varchar',
  length: '200',
  ...(primaryKeyConstraintName ? { isPrimary: true, primaryKeyConstraintName } : {}),
});

/** The enterprise dashboard (enterprise-dashboard/enterprise-dashboard.entity.ts). */
export class EnterpriseDashboard1795564801200 implements MigrationInterface {
  readonly name = 'EnterpriseDashboard1795564801200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'enterprise_dashboard_enterprises',
        columns: [
          id('enterprise_id', 'enterprise_dashboard_enterprises_pkey'),
          { name: 'name', type: 'varchar', length: '300' },
          { name: 'region', type: 'varchar', length: '200' },
          { name: 'size', type: 'varchar', length: '20' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enterprise_dashboard_loans',
        columns: [
          id('loan_id', 'enterprise_dashboard_loans_pkey'),
          id('enterprise_id'),
          id('bank_id'),
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'state', type: 'text' },
        ],
        indices: [{ name: 'enterprise_dashboard_loans_by_enterprise', columnNames: ['enterprise_id', 'loan_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enterprise_dashboard_assets',
        columns: [
          id('enterprise_id', 'enterprise_dashboard_assets_pkey'),
          id('ip_asset_id', 'enterprise_dashboard_assets_pkey'),
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'number', type: 'varchar', length: '50' },
          { name: 'title', type: 'varchar', length: '500' },
          { ...id('pledge_loan_id'), isNullable: true },
          { ...id('pledgee_bank_id'), isNullable: true },
          { ...id('pledgor_enterprise_id'), isNullable: true },
          { ...id('registration_number'), isNullable: true },
          { name: 'pledge_date', type: 'varchar', length: '10', isNullable: true },
        ],
        indices: [{ name: 'enterprise_dashboard_assets_by_asset', columnNames: ['ip_asset_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('enterprise_dashboard_assets');
    await queryRunner.dropTable('enterprise_dashboard_loans');
    await queryRunner.dropTable('enterprise_dashboard_enterprises');
  }
}
