import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The IP register (ip-register/ip-register.entity.ts). */
export class IpRegister1795564801000 implements MigrationInterface {
  readonly name = 'IpRegister1795564801000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ip_register',
        columns: [
          {
            name: 'ip_asset_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'ip_register_pkey',
          },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'number', type: 'varchar', length: '50' },
          { name: 'legal_status', type: 'varchar', length: '20' },
          { name: 'pledge_status', type: 'varchar', length: '20' },
          { name: 'pledge_loan_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'pledgee_bank_id', type: 'varchar', length: '200', isNullable: true },
          // Fen.
          { name: 'valuation_value', type: 'bigint', isNullable: true },
          { name: 'state', type: 'text' },
          { name: 'last_invalidation', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'ip_register_by_pledge_status', columnNames: ['pledge_status', 'ip_asset_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ip_register_owners',
        columns: [
          {
            name: 'ip_asset_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'ip_register_owners_pkey',
          },
          {
            name: 'enterprise_id',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'ip_register_owners_pkey',
          },
        ],
        indices: [{ name: 'ip_register_owners_by_enterprise', columnNames: ['enterprise_id', 'ip_asset_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ip_register_owners');
    await queryRunner.dropTable('ip_register');
  }
}
