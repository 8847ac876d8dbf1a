import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken, type TokenRequest } from '../../apps/ledger-api/src/http/auth/mint-token';
import { createTestSchema, type TestSchema } from '../support/postgres';

export type Database = 'sqlite' | 'postgres';

/** A parsed JSON body, read field by field by the tests. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
  readonly status: number;
  readonly etag: string | null;
  readonly body: Json;
}

export interface LifecycleServer {
  readonly baseUrl: string;
  /** The event store's URL (`sqlite:<file>` or `postgres://...?schema=`), for tests that reach under the API. */
  readonly eventStoreUrl: string;
  token(request: Pick<TokenRequest, 'role' | 'sub'> & Partial<TokenRequest>): string;
  post(urlPath: string, token: string, body: unknown): Promise<Answer>;
  get(urlPath: string, token: string): Promise<Answer>;
  close(): Promise<void>;
}

const JWT_SECRET = 'lifecycle-e2e-secret-of-32-chars!!';

/**
 * The real ledger application (the same bootstrap as main.ts, projections and process managers
 * in-process, the default) listening on a free port, on a fresh store: the embedded SQLite in a
 * temp data dir, or PostgreSQL with the event store and the read store each in a fresh schema.
 * Everything the test does goes over HTTP with real fetch.
 */
export async function startLifecycleServer(database: Database): Promise<LifecycleServer> {
  const cleanups: (() => Promise<void>)[] = [];
  const env: Record<string, string> = { LEDGER_JWT_SECRET: JWT_SECRET, LOG_LEVEL: 'silent' };
  if (database === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-lifecycle-'));
    env.LEDGER_DATA_DIR = dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  } else {
    const events: TestSchema = await createTestSchema();
    cleanups.push(() => events.drop());
    const reads: TestSchema = await createTestSchema();
    cleanups.push(() => reads.drop());
    env.LEDGER_EVENT_STORE = `${events.url}?schema=${events.schema}`;
    env.LEDGER_READ_STORE = `${reads.url}?schema=${reads.schema}`;
  }
  const config = loadConfig(env);
  let app: NestFastifyApplication;
  try {
    app = await createLedgerApp(config);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const key = resolveJwtKey(config.jwt.key);

  async function call(method: 'GET' | 'POST', urlPath: string, token: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  return {
    baseUrl,
    eventStoreUrl: config.eventStoreUrl,
    token: (request) => mintToken({ expiresIn: '1h', ...request }, key),
    post: (urlPath, token, body) => call('POST', urlPath, token, body),
    get: (urlPath, token) => call('GET', urlPath, token),
    close: async () => {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
