import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './ledger-config';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('\n');
  }
  throw new Error('the configuration was accepted');
}

const SECRET = 'a-secret-of-thirty-two-characters!';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite stores under ./data on port 3000', () => {
    const config = loadConfig({});
    const dataDir = path.resolve('./data');
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir,
      eventStoreUrl: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      readStoreUrl: `sqlite:${path.join(dataDir, 'read-models.sqlite')}`,
      logLevel: 'info',
      jwt: { key: { algorithm: 'HS256', source: 'data-dir', file: path.join(dataDir, 'jwt-secret') } },
      projections: 'in-process',
      readWaitMs: 5000,
      snapshotEvery: 200,
    });
  });

  it('writes snapshots every LEDGER_SNAPSHOT_EVERY events, 0 for none, and refuses anything else', () => {
    expect(loadConfig({ LEDGER_SNAPSHOT_EVERY: '0' }).snapshotEvery).toBe(0);
    expect(loadConfig({ LEDGER_SNAPSHOT_EVERY: '50' }).snapshotEvery).toBe(50);
    for (const every of ['-1', '1.5', 'often', '']) {
      expect(problemsOf({ LEDGER_SNAPSHOT_EVERY: every })).toMatch(/^LEDGER_SNAPSHOT_EVERY=/m);
    }
  });

  it('runs projections in-process unless LEDGER_PROJECTIONS=off, and bounds LEDGER_READ_WAIT_MS', () => {
    expect(loadConfig({ LEDGER_PROJECTIONS: 'off', LEDGER_READ_WAIT_MS: '250' })).toMatchObject({
      projections: 'off',
      readWaitMs: 250,
    });
    expect(problemsOf({ LEDGER_PROJECTIONS: 'elsewhere' })).toMatch(
      /^LEDGER_PROJECTIONS="elsewhere" must be one of in-process, off/m,
    );
    for (const wait of ['-1', '30001', '1.5', 'soon']) {
      expect(problemsOf({ LEDGER_READ_WAIT_MS: wait })).toMatch(/^LEDGER_READ_WAIT_MS=/m);
    }
  });

  it('puts the default stores under LEDGER_DATA_DIR', () => {
    const config = loadConfig({ LEDGER_DATA_DIR: '/tmp/ledger' });
    expect(config.eventStoreUrl).toBe('sqlite:/tmp/ledger/events.sqlite');
    expect(config.readStoreUrl).toBe('sqlite:/tmp/ledger/read-models.sqlite');
  });

  it('accepts PostgreSQL and EventStoreDB URLs', () => {
    const config = loadConfig({
      LEDGER_EVENT_STORE: 'esdb://127.0.0.1:2113?tls=false',
      LEDGER_READ_STORE: 'postgres://postgres@127.0.0.1:5432/test',
      LEDGER_JWT_SECRET: SECRET,
    });
    expect(config.eventStoreUrl).toBe('esdb://127.0.0.1:2113?tls=false');
    expect(config.readStoreUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
  });

  it('names every wrong setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LEDGER_EVENT_STORE: 'mysql://x', LEDGER_READ_STORE: 'esdb://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT="eighty"/m);
    expect(problems).toMatch(/^LEDGER_EVENT_STORE="mysql:\/\/x"/m);
    expect(problems).toMatch(/^LEDGER_READ_STORE="esdb:\/\/x"/m);
    expect(problems).toMatch(/^LOG_LEVEL="loud"/m);
  });

  it.each(['0', '65536', '-1', '3000.5'])('refuses PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT=/);
  });
});

describe('loadConfig: bearer tokens', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('keeps its own secret in the data dir on the embedded default', () => {
    expect(loadConfig({ LEDGER_DATA_DIR: '/tmp/ledger' }).jwt.key).toEqual({
      algorithm: 'HS256',
      source: 'data-dir',
      file: '/tmp/ledger/jwt-secret',
    });
  });

  it('takes LEDGER_JWT_SECRET for HS256, with the optional issuer and audience', () => {
    const config = loadConfig({ LEDGER_JWT_SECRET: SECRET, LEDGER_JWT_ISSUER: 'idp', LEDGER_JWT_AUDIENCE: 'ledger' });
    expect(config.jwt).toEqual({
      key: { algorithm: 'HS256', source: 'setting', secret: SECRET },
      issuer: 'idp',
      audience: 'ledger',
    });
  });

  it('takes LEDGER_JWT_PUBLIC_KEY for RS256, as a PEM or as the path of one', () => {
    expect(loadConfig({ LEDGER_JWT_PUBLIC_KEY: publicPem }).jwt.key).toEqual({
      algorithm: 'RS256',
      source: 'setting',
      publicKey: publicPem,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-config-'));
    try {
      const file = path.join(dir, 'jwt.pub.pem');
      fs.writeFileSync(file, publicPem);
      expect(loadConfig({ LEDGER_JWT_PUBLIC_KEY: file }).jwt.key).toMatchObject({
        algorithm: 'RS256',
        publicKey: publicPem,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires a key setting when a store is shared (PostgreSQL, EventStoreDB)', () => {
    expect(problemsOf({ LEDGER_EVENT_STORE: 'postgres://db/ledger' })).toMatch(
      /^LEDGER_JWT_SECRET \(HS256\) or LEDGER_JWT_PUBLIC_KEY \(RS256\) must be set/m,
    );
    expect(problemsOf({ LEDGER_READ_STORE: 'postgres://db/ledger' })).toMatch(/LEDGER_JWT_SECRET/);
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['a short secret', { LEDGER_JWT_SECRET: 'short' }, /^LEDGER_JWT_SECRET is 5 characters; it must have at least 32/m],
    ['both keys', { LEDGER_JWT_SECRET: SECRET, LEDGER_JWT_PUBLIC_KEY: publicPem }, /both set/],
    [
      'a missing key file',
      { LEDGER_JWT_PUBLIC_KEY: '/nonexistent/key.pem' },
      /^LEDGER_JWT_PUBLIC_KEY="\/nonexistent\/key.pem" is neither a PEM nor a readable file/m,
    ],
    [
      'garbage PEM',
      { LEDGER_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----' },
      /is not a PEM public key/,
    ],
    ['a private key', { LEDGER_JWT_PUBLIC_KEY: privatePem }, /holds a private key/],
    ['an empty issuer', { LEDGER_JWT_ISSUER: ' ' }, /^LEDGER_JWT_ISSUER must not be empty/m],
    ['an empty audience', { LEDGER_JWT_AUDIENCE: '' }, /^LEDGER_JWT_AUDIENCE must not be empty/m],
  ])('refuses %s, naming the setting', (_, env, problem) => {
    expect(problemsOf(env)).toMatch(problem);
  });

  it('refuses an EC key: RS256 needs RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemsOf({ LEDGER_JWT_PUBLIC_KEY: pem })).toMatch(/is a ec key; RS256 needs an RSA public key/);
  });
});
