import * as path from 'node:path';
import { ConfigError, loadConfig } from './ledger-config';

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
    });
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
