import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken } from '../../apps/ledger-api/src/http/auth/mint-token';
import { startLedger, type LedgerProcess } from '../support/ledger-process';

const CREDIT_CODE = '91440300708461136T';
const BANK_NAME = 'Fuzhou Rural Commercial Bank';

/** The JSON log entries the process has written so far (other lines, if any, are left out). */
function logEntries(ledger: LedgerProcess): Record<string, unknown>[] {
  return ledger
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The entry logged for the request with this correlation id, once written (after the answer). */
async function requestLog(ledger: LedgerProcess, correlationId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = logEntries(ledger).filter(
      (entry) => entry.correlationId === correlationId && entry.msg === 'request',
    );
    if (found.length > 0) {
      expect(found).toHaveLength(1);
      return found[0];
    }
    if (Date.now() > deadline) throw new Error(`No request log line for ${correlationId}:\n${ledger.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The value of one sample line of the exposition, or undefined. */
function sampleValue(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((text) => text.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics and logs of the built ledger process', () => {
  let dataDir: string;
  let ledger: LedgerProcess;
  let adminToken: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-observability-e2e-'));
    ledger = await startLedger({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    // The process created its secret in the data dir on start: sign with it, as `npm run token` does.
    const key = resolveJwtKey(loadConfig({ LEDGER_DATA_DIR: dataDir }).jwt.key);
    adminToken = mintToken({ role: 'admin', sub: 'ops-admin', expiresIn: '1h' }, key);
  });

  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function registerBank(bankId: string, correlationId: string): Promise<Response> {
    return fetch(`${ledger.baseUrl}/v1/banks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({ bankId, name: BANK_NAME, creditCode: CREDIT_CODE }),
    });
  }

  it('exposes command latency by command and outcome, events appended and HTTP durations at /metrics, without a token', async () => {
    expect((await registerBank('bank-obs-1', 'obs-first')).status).toBe(201);
    expect((await registerBank('bank-obs-2', 'obs-second')).status).toBe(201);
    expect((await registerBank('bank-obs-1', 'obs-again')).status).toBe(409);

    const response = await fetch(`${ledger.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = await response.text();

    expect(metrics).toContain('# TYPE ledger_command_duration_seconds histogram');
    const ok = 'ledger_command_duration_seconds_count{command="RegisterBankCommand",outcome="ok"}';
    const refused = 'ledger_command_duration_seconds_count{command="RegisterBankCommand",outcome="refused"}';
    expect(sampleValue(metrics, ok)).toBe(2);
    expect(sampleValue(metrics, refused)).toBe(1);
    expect(
      sampleValue(
        metrics,
        'ledger_command_duration_seconds_bucket{command="RegisterBankCommand",outcome="ok",le="+Inf"}',
      ),
    ).toBe(2);
    expect(
      sampleValue(metrics, 'ledger_command_duration_seconds_sum{command="RegisterBankCommand",outcome="ok"}'),
    ).toBeGreaterThan(0);

    expect(metrics).toContain('# TYPE ledger_events_appended_total counter');
    expect(sampleValue(metrics, 'ledger_events_appended_total{type="BankRegistered"}')).toBe(2);

    expect(
      sampleValue(metrics, 'ledger_http_request_duration_seconds_count{method="POST",route="/v1/banks",status="201"}'),
    ).toBe(2);
    expect(
      sampleValue(metrics, 'ledger_http_request_duration_seconds_count{method="POST",route="/v1/banks",status="409"}'),
    ).toBe(1);

    // Every projection and process manager runs in process on the embedded default: each has a gauge.
    expect(metrics).toMatch(/^ledger_projection_lag_events\{projection="bank-portfolio"\} \d+$/m);
    expect(metrics).toMatch(/^ledger_process_manager_backlog_events\{manager="pledging"\} \d+$/m);
  });

  it('reports the projections and process managers caught up once they have followed the feed', async () => {
    const deadline = Date.now() + 10_000;
    let metrics = '';
    for (;;) {
      metrics = await (await fetch(`${ledger.baseUrl}/metrics`)).text();
      const behind = metrics
        .split('\n')
        .filter((line) => /^ledger_(projection_lag|process_manager_backlog)_events\{/.test(line))
        .filter((line) => !line.endsWith(' 0'));
      if (behind.length === 0) break;
      if (Date.now() > deadline) throw new Error(`Still behind after 10 s:\n${behind.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sampleValue(metrics, 'ledger_projection_caught_up{projection="bank-portfolio"}')).toBe(1);
    expect(sampleValue(metrics, 'ledger_process_manager_caught_up{manager="pledging"}')).toBe(1);
  });

  it('logs each request once as a JSON line with its correlation id, route and caller, never its token or body', async () => {
    expect((await registerBank('bank-obs-3', 'obs-logged')).status).toBe(201);

    const entry = await requestLog(ledger, 'obs-logged');
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'request',
      correlationId: 'obs-logged',
      method: 'POST',
      route: '/v1/banks',
      path: '/v1/banks',
      status: 201,
      sub: 'ops-admin',
      role: 'admin',
    });
    expect(typeof entry.durationMs).toBe('number');
    expect(typeof entry.time).toBe('string');

    const output = ledger.output();
    expect(output).not.toContain(adminToken);
    expect(output).not.toMatch(/authorization/i);
    expect(output).not.toContain(BANK_NAME);
    expect(output).not.toContain(CREDIT_CODE);
  });

  it('logs a refused request with its correlation id but neither the bad token nor the query string', async () => {
    const response = await fetch(`${ledger.baseUrl}/v1/loans?bankId=bank-secret-query`, {
      headers: { authorization: 'Bearer not.a.valid-token-xyz', 'x-correlation-id': 'obs-refused' },
    });
    expect(response.status).toBe(401);

    const entry = await requestLog(ledger, 'obs-refused');
    expect(entry).toMatchObject({ correlationId: 'obs-refused', method: 'GET', path: '/v1/loans', status: 401 });
    expect(entry).not.toHaveProperty('sub');
    const output = ledger.output();
    expect(output).not.toContain('not.a.valid-token-xyz');
    expect(output).not.toContain('bank-secret-query');
  });

  it('writes only JSON lines, the token-minting hint among them', () => {
    const lines = ledger
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(ledger.output()).toContain('npm run token -- --role admin --sub you');
  });
});
