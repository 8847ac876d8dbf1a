import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestSchema, LEDGER_TEST_PG_URL, type TestSchema } from '../../../../../test/support/postgres';
import type { IdempotencyStore } from './idempotency-store';
import { openIdempotencyStore } from './open-idempotency-store';

interface Backend {
  readonly name: string;
  /** A read store URL, fresh for each test. */
  url(): Promise<string>;
  cleanUp(): Promise<void>;
}

const sqlite = (): Backend => {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    url: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-idempotency-'));
      dirs.push(dir);
      return `sqlite:${path.join(dir, 'read-models.sqlite')}`;
    },
    cleanUp: async () => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })),
  };
};

const postgres = (): Backend => {
  const schemas: TestSchema[] = [];
  return {
    name: 'PostgreSQL',
    url: async () => {
      const schema = await createTestSchema();
      schemas.push(schema);
      const url = new URL(LEDGER_TEST_PG_URL);
      url.searchParams.set('schema', schema.schema);
      return url.toString();
    },
    cleanUp: async () => {
      for (const schema of schemas.splice(0)) await schema.drop();
    },
  };
};

describe.each([sqlite(), postgres()])('the idempotency store on $name', (backend) => {
  const open: IdempotencyStore[] = [];
  const openStore = async (url: string) => {
    const store = await openIdempotencyStore(url);
    open.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await backend.cleanUp();
  });

  it('lets the first request claim a key; the next finds the claim, then the answer', async () => {
    const store = await openStore(await backend.url());
    expect(await store.claim('alice', 'k1', 'hash-1', 1000)).toEqual({ claimed: true });
    expect(await store.claim('alice', 'k1', 'hash-1', 1001)).toEqual({
      claimed: false,
      record: { state: 'in-progress', requestHash: 'hash-1', claimedAt: 1000 },
    });
    const response = { status: 201, headers: { etag: '"0"' }, body: { id: 'L1', revision: 0, position: '7' } };
    await store.complete('alice', 'k1', response);
    expect(await store.claim('alice', 'k1', 'hash-1', 1002)).toEqual({
      claimed: false,
      record: { state: 'done', requestHash: 'hash-1', response },
    });
  });

  it('keeps keys apart per caller', async () => {
    const store = await openStore(await backend.url());
    expect(await store.claim('alice', 'k1', 'h', 1)).toEqual({ claimed: true });
    expect(await store.claim('bob', 'k1', 'h', 1)).toEqual({ claimed: true });
  });

  it('releases an unfinished claim but never a finished answer', async () => {
    const store = await openStore(await backend.url());
    await store.claim('alice', 'k1', 'h', 1);
    await store.release('alice', 'k1');
    expect(await store.find('alice', 'k1')).toBeUndefined();
    await store.claim('alice', 'k2', 'h', 1);
    await store.complete('alice', 'k2', { status: 409, headers: {}, body: { error: { code: 'X' } } });
    await store.release('alice', 'k2');
    expect(await store.find('alice', 'k2')).toMatchObject({ state: 'done', response: { status: 409 } });
  });

  it('abandons an unfinished claim as stale at once, keeping its request, but never a finished answer', async () => {
    const store = await openStore(await backend.url());
    await store.claim('alice', 'k1', 'h1', 5000);
    await store.abandon('alice', 'k1');
    expect(await store.find('alice', 'k1')).toEqual({ state: 'in-progress', requestHash: 'h1', claimedAt: 0 });
    expect(await store.takeOver('alice', 'k1', 0, 6000)).toBe(true);
    await store.claim('alice', 'k2', 'h2', 1);
    await store.complete('alice', 'k2', { status: 201, headers: {}, body: { id: 'F1' } });
    await store.abandon('alice', 'k2');
    expect(await store.find('alice', 'k2')).toMatchObject({ state: 'done', response: { status: 201 } });
  });

  it('lets exactly one request take over a stale claim', async () => {
    const store = await openStore(await backend.url());
    await store.claim('alice', 'k1', 'h', 1000);
    const takeOvers = await Promise.all([
      store.takeOver('alice', 'k1', 1000, 5000),
      store.takeOver('alice', 'k1', 1000, 5001),
    ]);
    expect(takeOvers.filter(Boolean)).toHaveLength(1);
    expect(await store.find('alice', 'k1')).toMatchObject({ state: 'in-progress' });
  });

  it('gives one claim to many concurrent requests, from two connections', async () => {
    const url = await backend.url();
    const [a, b] = [await openStore(url), await openStore(url)];
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claim('alice', 'k', 'h', i)),
    );
    expect(outcomes.filter((outcome) => outcome.claimed)).toHaveLength(1);
  });

  it('keeps answers when reopened, and migrates once', async () => {
    const url = await backend.url();
    const first = await openStore(url);
    await first.claim('alice', 'k1', 'h', 1);
    await first.complete('alice', 'k1', { status: 200, headers: {}, body: null });
    const [second, third] = await Promise.all([openStore(url), openStore(url)]);
    expect(await second.find('alice', 'k1')).toMatchObject({ state: 'done', response: { status: 200, body: null } });
    expect(await third.find('alice', 'k1')).toMatchObject({ state: 'done' });
  });
});
