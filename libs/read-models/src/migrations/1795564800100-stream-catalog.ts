import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class StreamCatalog1795564800100 implements MigrationInterface {
  readonly name = 'StreamCatalog1795564800100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stream_catalog',
        columns: [
          {
            name: 'stream_id',
            type: 'varchar',
            length: '300',
            isPrimary: true,
            primaryKeyConstraintName: 'stream_catalog_pkey',
          },
          { name: 'aggregate_type', type: 'varchar', length: '100' },
          { name: 'event_count', type: 'integer' },
          { name: 'last_revision', type: 'integer' },
          { name: 'last_event_type', type: 'varchar', length: '200' },
          { name: 'last_position', type: 'varchar', length: '64' },
          // ISO-8601 text from the events' metadata: sorts like the instant on both databases.
          { name: 'first_recorded_at', type: 'varchar', length: '40' },
          { name: 'last_recorded_at', type: 'varchar', length: '40' },
        ],
        indices: [{ name: 'stream_catalog_by_aggregate_type', columnNames: ['aggregate_type', 'stream_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stream_catalog');
  }
}
