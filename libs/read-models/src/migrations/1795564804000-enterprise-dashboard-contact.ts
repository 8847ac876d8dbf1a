import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The enterprise dashboard's contact person: sealed as in the event, or erased (enterprise-dashboard.entity.ts). */
export class EnterpriseDashboardContact1795564804000 implements MigrationInterface {
  readonly name = 'EnterpriseDashboardContact1795564804000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('enterprise_dashboard_enterprises', [
      new TableColumn({ name: 'contact_status', type: 'varchar', length: '10', default: "'none'" }),
      new TableColumn({ name: 'contact', type: 'text', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('enterprise_dashboard_enterprises', 'contact');
    await queryRunner.dropColumn('enterprise_dashboard_enterprises', 'contact_status');
  }
}
