import { parseReadStoreUrl } from './read-store-url';

describe('parseReadStoreUrl', () => {
  it('reads a SQLite file', () => {
    expect(parseReadStoreUrl('sqlite:./data/read.db')).toEqual({ dialect: 'sqlite', file: './data/read.db' });
  });

  it('refuses an in-memory SQLite database, which queries could not share with projections', () => {
    expect(() => parseReadStoreUrl('sqlite::memory:')).toThrow('need a file');
  });

  it('reads a PostgreSQL URL and takes its schema out of the connection string', () => {
    expect(parseReadStoreUrl('postgres://ledger:secret@db:5432/ledger?schema=read_models&sslmode=disable')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://ledger:secret@db:5432/ledger?sslmode=disable',
      schema: 'read_models',
    });
    expect(parseReadStoreUrl('postgresql://db/ledger')).toMatchObject({ schema: 'public' });
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => parseReadStoreUrl('postgres://db/ledger?schema=a;drop')).toThrow('plain SQL identifier');
  });

  it('refuses other stores', () => {
    expect(() => parseReadStoreUrl('esdb://localhost:2113')).toThrow('Unsupported read store URL');
  });
});
