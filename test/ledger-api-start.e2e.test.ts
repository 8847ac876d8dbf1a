import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLedgerToExit, startLedger, type LedgerProcess } from './support/ledger-process';

describe('the ledger process on its embedded default', () => {
  let dataDir: string;
  let ledger: LedgerProcess | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  });

  afterEach(async () => {
    await ledger?.stop();
    ledger = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers GET /health with the event store up, keeping its SQLite files under LEDGER_DATA_DIR', async () => {
    ledger = await startLedger({ LEDGER_DATA_DIR: dataDir });

    const response = await fetch(`${ledger.baseUrl}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: {
        eventStore: { status: 'up', headPosition: 'start' },
        readStore: { status: 'up' },
        projections: { status: 'up', running: expect.any(Number) },
      },
    });
    expect(fs.existsSync(path.join(dataDir, 'events.sqlite'))).toBe(true);
  });

  it('stops at start with a message naming each wrong setting', async () => {
    const { code, output } = await runLedgerToExit({
      LEDGER_DATA_DIR: dataDir,
      PORT: 'http',
      LEDGER_EVENT_STORE: 'mongodb://localhost',
    });

    expect(code).toBe(78);
    expect(output).toContain('PORT="http"');
    expect(output).toContain('LEDGER_EVENT_STORE="mongodb://localhost"');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    ledger = await startLedger({ LEDGER_DATA_DIR: dataDir });
    const code = await ledger.stop('SIGTERM');
    ledger = undefined;
    expect(code).toBe(0);
  });
});
