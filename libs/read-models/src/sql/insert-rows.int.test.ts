import type { ReadStore } from '../read-store/read-store';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { insertRows, prepareBulkInsert } from './insert-rows';

const TIMEOUT = 60_000;

interface Row {
  id: string;
  note: string | null;
  fen: string;
}

/** Values COPY's text format must escape, or could mistake for its own markers. */
const AWKWARD: Row[] = [
  { id: 'tab', note: 'a\tb', fen: '1' },
  { id: 'newlines', note: 'line 1\nline 2\r\n', fen: '9007199254740993' },
  { id: 'backslash', note: 'C:\\ledger\\N', fen: '-5' },
  { id: 'marker', note: '\\N', fen: '0' },
  { id: 'null', note: null, fen: '3' },
  { id: 'empty', note: '', fen: '4' },
  { id: 'unicode', note: '质押融资 😀 "quoted", \'single\'', fen: '5' },
];

/** A bulk insert is a COPY on PostgreSQL and INSERT statements on SQLite: the same rows either way, as insertRows. */
describe.each(DIALECTS)('insertRows and prepareBulkInsert on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    await readStore.transaction((manager) =>
      manager.query('CREATE TABLE test_notes (id varchar PRIMARY KEY, note text, fen numeric(20, 0) NOT NULL)'),
    );
  }, TIMEOUT);

  afterEach(async () => {
    await fixture.close();
  }, TIMEOUT);

  const stored = async (): Promise<Row[]> => {
    const rows: Array<{ id: string; note: string | null; fen: string | number }> = await readStore.queries.query(
      'SELECT id, note, CAST(fen AS TEXT) AS fen FROM test_notes ORDER BY id',
    );
    return rows.map((row) => ({ id: row.id, note: row.note, fen: String(row.fen) }));
  };
  const byId = (rows: readonly Row[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  it(
    'stores every value exactly: tabs, newlines, backslashes, \\N, null, empty, non-ASCII, 2^53 + 1',
    async () => {
      const bulk = prepareBulkInsert(dialect, 'test_notes', AWKWARD);
      await readStore.transaction((manager) => bulk({ manager, tables: {}, dialect }));
      const inBulk = await stored();
      await readStore.transaction((manager) => manager.query('DELETE FROM test_notes'));
      await readStore.transaction((manager) => insertRows({ manager, tables: {}, dialect }, 'test_notes', AWKWARD));

      expect(inBulk).toEqual(byId(AWKWARD));
      expect(await stored()).toEqual(byId(AWKWARD));
    },
    TIMEOUT,
  );

  it(
    'writes with the rest of its transaction: a failure after it leaves nothing',
    async () => {
      const writes = prepareBulkInsert(dialect, 'test_notes', AWKWARD);
      await expect(
        readStore.transaction(async (manager) => {
          await writes({ manager, tables: {}, dialect });
          throw new Error('batch failed after the rows');
        }),
      ).rejects.toThrow('batch failed after the rows');

      expect(await stored()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'fails on a key already stored, and the batch writes nothing',
    async () => {
      await readStore.transaction((manager) =>
        insertRows({ manager, tables: {}, dialect }, 'test_notes', [{ id: 'marker', note: 'first', fen: '1' }]),
      );

      const bulk = prepareBulkInsert(dialect, 'test_notes', AWKWARD);
      await expect(readStore.transaction((manager) => bulk({ manager, tables: {}, dialect }))).rejects.toThrow(
        /unique|duplicate/i,
      );
      await expect(
        readStore.transaction((manager) => insertRows({ manager, tables: {}, dialect }, 'test_notes', AWKWARD)),
      ).rejects.toThrow(/unique|duplicate/i);

      expect(await stored()).toEqual([{ id: 'marker', note: 'first', fen: '1' }]);
    },
    TIMEOUT,
  );
});
