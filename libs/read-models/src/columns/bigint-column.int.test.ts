import { Column, Entity, PrimaryColumn } from 'typeorm';
import { readModelEntities, readModelMigrations } from '../read-model-catalog';
import { openReadStore } from '../read-store/open-read-store';
import type { ReadStore } from '../read-store/read-store';
import { upsertRows } from '../sql/upsert-rows';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { bigintColumn, UnsafeIntegerReadError } from './bigint-column';

@Entity({ name: 'test_amounts' })
class AmountRow {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'bigint', transformer: bigintColumn })
  fen!: bigint;
}

const TIMEOUT = 60_000;

describe.each(DIALECTS)('money in BIGINT columns on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await openReadStore(fixture.readStoreUrl, {
      entities: [...readModelEntities, AmountRow],
      migrations: readModelMigrations,
    });
    await readStore.transaction((m) =>
      m.query('CREATE TABLE test_amounts (id varchar PRIMARY KEY, fen bigint NOT NULL)'),
    );
  }, TIMEOUT);

  afterEach(async () => {
    await readStore.close();
    await fixture.close();
  }, TIMEOUT);

  const write = (rows: Array<{ id: string; fen: bigint }>) =>
    readStore.transaction((manager) =>
      upsertRows({ manager, tables: {}, dialect }, 'test_amounts', rows, { key: ['id'], update: ['fen'] }),
    );
  const read = (id: string) => readStore.queries.getRepository(AmountRow).findOneByOrFail({ id });

  it(
    'round-trips amounts in fen exactly, as bigint, through a projection write and an entity read',
    async () => {
      await write([
        { id: 'principal', fen: 125_000_000n },
        { id: 'refund', fen: -1n },
        { id: 'largest-exact-everywhere', fen: 9_007_199_254_740_991n },
      ]);
      await readStore.transaction((manager) =>
        manager.getRepository(AmountRow).save({ id: 'through-entity', fen: 125_000_000n }),
      );

      expect((await read('principal')).fen).toBe(125_000_000n);
      expect((await read('refund')).fen).toBe(-1n);
      expect((await read('largest-exact-everywhere')).fen).toBe(9_007_199_254_740_991n);
      expect((await read('through-entity')).fen).toBe(125_000_000n);
    },
    TIMEOUT,
  );

  it(
    'beyond 2^53 fen: exact on PostgreSQL, refused on SQLite rather than rounded',
    async () => {
      await write([{ id: 'huge', fen: 10n ** 17n + 1n }]);
      if (dialect === 'postgres') {
        expect((await read('huge')).fen).toBe(10n ** 17n + 1n);
      } else {
        await expect(read('huge')).rejects.toBeInstanceOf(UnsafeIntegerReadError);
      }
    },
    TIMEOUT,
  );
});
