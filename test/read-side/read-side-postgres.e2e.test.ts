import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken, type TokenRequest } from '../../apps/ledger-api/src/http/auth/mint-token';
import { createTestSchema, type TestSchema } from '../support/postgres';

/** The read side over HTTP with both stores on PostgreSQL, projections in-process. */
describe('the read side over HTTP on PostgreSQL', () => {
  let events: TestSchema;
  let reads: TestSchema;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let token: (request: Pick<TokenRequest, 'role'> & Partial<TokenRequest>) => string;

  beforeAll(async () => {
    events = await createTestSchema();
    reads = await createTestSchema();
    const config = loadConfig({
      LEDGER_EVENT_STORE: `${events.url}?schema=${events.schema}`,
      LEDGER_READ_STORE: `${reads.url}?schema=${reads.schema}`,
      LEDGER_JWT_SECRET: 'a-secret-of-thirty-two-characters!',
      LOG_LEVEL: 'silent',
    });
    app = await createLedgerApp(config);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const key = resolveJwtKey(config.jwt.key);
    token = (request) => mintToken({ sub: 'someone', expiresIn: '1h', ...request }, key);
  });

  afterAll(async () => {
    await app?.close();
    await events?.drop();
    await reads?.drop();
  });

  it('reads a registration at once with ?minPosition, scoped to the calling bank', async () => {
    const registered = await fetch(`${baseUrl}/v1/banks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token({ role: 'admin' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        bankId: 'bank-a',
        name: 'Fuzhou Rural Commercial Bank',
        creditCode: '91440300708461136T',
      }),
    });
    expect(registered.status).toBe(201);
    const { position } = (await registered.json()) as { position: string };

    const own = await fetch(`${baseUrl}/v1/banks/bank-a/portfolio?minPosition=${position}`, {
      headers: { authorization: `Bearer ${token({ role: 'bank', bankId: 'bank-a' })}` },
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ bankId: 'bank-a', totals: { loans: 0 } });

    const foreign = await fetch(`${baseUrl}/v1/banks/bank-a/portfolio?minPosition=${position}`, {
      headers: { authorization: `Bearer ${token({ role: 'bank', bankId: 'bank-b' })}` },
    });
    expect(foreign.status).toBe(404);

    const history = await fetch(`${baseUrl}/v1/audit/events`, {
      headers: { authorization: `Bearer ${token({ role: 'auditor' })}` },
    });
    expect(((await history.json()) as { items: { position: string }[] }).items.map((e) => e.position)).toEqual([
      position,
    ]);
  });
});
