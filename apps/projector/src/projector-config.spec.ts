import * as path from 'node:path';
import { loadProjectorConfig, ProjectorConfigError } from './projector-config';

describe('loadProjectorConfig', () => {
  it('defaults to the SQLite stores under LEDGER_DATA_DIR, like the API', () => {
    expect(loadProjectorConfig({ LEDGER_DATA_DIR: '/tmp/ledger' })).toEqual({
      eventStoreUrl: `sqlite:${path.join('/tmp/ledger', 'events.sqlite')}`,
      readStoreUrl: `sqlite:${path.join('/tmp/ledger', 'read-models.sqlite')}`,
      logLevel: 'info',
      snapshotEvery: 200,
    });
  });

  it('names every wrong setting at once', () => {
    let error: unknown;
    try {
      loadProjectorConfig({
        LEDGER_EVENT_STORE: 'mysql://x',
        LEDGER_READ_STORE: 'esdb://x',
        LOG_LEVEL: 'loud',
        LEDGER_SNAPSHOT_EVERY: 'often',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectorConfigError);
    const problems = (error as ProjectorConfigError).problems.join('\n');
    expect(problems).toMatch(/^LEDGER_EVENT_STORE="mysql:\/\/x"/m);
    expect(problems).toMatch(/^LEDGER_READ_STORE="esdb:\/\/x"/m);
    expect(problems).toMatch(/^LOG_LEVEL="loud"/m);
    expect(problems).toMatch(/^LEDGER_SNAPSHOT_EVERY="often"/m);
  });

  it('opens its health listener only when LEDGER_PROJECTOR_HEALTH_PORT is set, and refuses a bad port', () => {
    expect(loadProjectorConfig({}).healthPort).toBeUndefined();
    expect(loadProjectorConfig({ LEDGER_PROJECTOR_HEALTH_PORT: '3001', HOST: '0.0.0.0' })).toMatchObject({
      healthPort: 3001,
      healthHost: '0.0.0.0',
    });
    expect(() => loadProjectorConfig({ LEDGER_PROJECTOR_HEALTH_PORT: 'http' })).toThrow(
      /LEDGER_PROJECTOR_HEALTH_PORT="http" must be a port number/,
    );
  });
});
