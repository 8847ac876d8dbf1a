import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One row per projection (and per rebuild in progress): the position its committed rows reflect. */
export class ProjectionCheckpoints1795564800000 implements MigrationInterface {
  readonly name = 'ProjectionCheckpoints1795564800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'projection_checkpoints',
        columns: [
          {
            name: 'name',
            type: 'varchar',
            length: '200',
            isPrimary: true,
            primaryKeyConstraintName: 'projection_checkpoints_pkey',
          },
          // formatPosition: "start", "42" or "COMMIT/PREPARE"; opaque, never compared in SQL.
          { name: 'position', type: 'varchar', length: '64' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('projection_checkpoints');
  }
}
