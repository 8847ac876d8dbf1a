import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE } from '@pledge-ledger/application';
import { START, type EventStore } from '@pledge-ledger/event-store';
import { createLedgerApp } from '../../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken, type TokenRequest } from '../../../apps/ledger-api/src/http/auth/mint-token';
import type { IdempotencyOptions } from '../../../apps/ledger-api/src/http/idempotency/idempotency.interceptor';
import { TestCounterModule } from './test-counter.module';

export interface HttpTestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  /** A token signed with the app's own secret (the embedded default's jwt-secret file). */
  token(request: Partial<TokenRequest> & Pick<TokenRequest, 'role'>): string;
  /** Every event in the store, in global order. */
  events(): Promise<{ type: string; streamId: string }[]>;
  close(): Promise<void>;
}

/**
 * The real ledger application (AppModule, the same bootstrap as main.ts) on the embedded default
 * in `dataDir`, plus the test-only counter controller, listening on a free port.
 */
export async function startHttpTestApp(
  dataDir: string,
  options: { idempotency?: Partial<IdempotencyOptions> } = {},
): Promise<HttpTestApp> {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await createLedgerApp(config, { modules: [TestCounterModule], idempotency: options.idempotency });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const key = resolveJwtKey(config.jwt.key);
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    token: (request) => mintToken({ sub: 'alice', expiresIn: '1h', ...request }, key),
    events: async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const events = await store.readAll({ after: START, maxCount: 10_000 });
      return events.map((event) => ({ type: event.type, streamId: event.streamId }));
    },
    close: () => app.close(),
  };
}
