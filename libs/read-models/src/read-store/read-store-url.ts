export type ReadStoreLocation =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema: string };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads a `LEDGER_READ_STORE` URL: `sqlite:<file>` or `postgres://...` / `postgresql://...` with an
 * optional `?schema=name` (default `public`).
 */
export function parseReadStoreUrl(url: string): ReadStoreLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    // Queries read through their own connection so they never see a batch a projection has not
    // committed yet; an in-memory database cannot be shared by two connections.
    if (file === '' || file === ':memory:') {
      throw new Error(`Read store "${url}": SQLite read models need a file (sqlite:./data/read.db), not memory`);
    }
    return { dialect: 'sqlite', file };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Read store schema "${schema}" is not a plain SQL identifier`);
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error(`Unsupported read store URL "${url}": use sqlite:<file> or postgres://...?schema=name`);
}
