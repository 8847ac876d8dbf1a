import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import {
  ClaimPaymentProcessManager,
  EVENT_STORE,
  FundCoverageProcessManager,
  PledgeEnforcementProcessManager,
  PledgingProcessManager,
  ProcessManagers,
  RecoverySharingProcessManager,
  type CheckpointStore,
} from '@pledge-ledger/application';
import { START, type After, type EventStore } from '@pledge-ledger/event-store';
import type { TokenRole } from '../../../apps/ledger-api/src/http';
import { startHttpTestApp, type HttpTestApp } from '../../http/support/http-test-app';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly etag: string | null;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  /** A bearer token; null sends none. */
  readonly token: string | null;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiTestApp {
  readonly http: HttpTestApp;
  post(urlPath: string, options: CallOptions): Promise<Answer>;
  get(urlPath: string, options: CallOptions): Promise<Answer>;
  token(role: TokenRole, scope?: { sub?: string; bankId?: string; enterpriseId?: string }): string;
  /** How many events the store holds. */
  eventCount(): Promise<number>;
  /** Resolves once the process managers have handled every event, including those they caused. */
  settle(): Promise<void>;
  /** Stops the process managers (to hold a flow at a step); `resumeProcessManagers` goes on from there. */
  pauseProcessManagers(): Promise<void>;
  resumeProcessManagers(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh temp data dir (see test/http/support/http-test-app.ts), with
 * helpers to call it over real HTTP. The process managers are the application's own when it runs
 * them; otherwise the test runs the same four on the app's CommandBus and store, with in-memory
 * checkpoints, so a lifecycle over HTTP can go past the pledges.
 */
export async function startApiTestApp(): Promise<ApiTestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-api-e2e-'));
  const http = await startHttpTestApp(dataDir);
  const store = http.app.get<EventStore>(EVENT_STORE);
  const managers = await processManagersOf(http, store);

  async function call(method: string, urlPath: string, options: CallOptions): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.authorization = `Bearer ${options.token}`;
    const body = options.body === undefined ? options.rawBody : JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${http.baseUrl}${urlPath}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      etag: response.headers.get('etag'),
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  return {
    http,
    post: (urlPath, options) => call('POST', urlPath, options),
    get: (urlPath, options) => call('GET', urlPath, options),
    token: (role, scope = {}) => http.token({ role, sub: scope.sub ?? `${role}-person`, ...scope }),
    eventCount: async () => (await store.readAll({ after: START, maxCount: 100_000 })).length,
    settle: () => managers.instance.waitUntilIdle(),
    pauseProcessManagers: () => managers.instance.stop(),
    resumeProcessManagers: () => managers.instance.start(),
    close: async () => {
      await managers.stopOwn();
      await http.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface RunningManagers {
  readonly instance: ProcessManagers;
  /** Stops the runners the test started itself (the application stops its own). */
  stopOwn(): Promise<void>;
}

async function processManagersOf(http: HttpTestApp, store: EventStore): Promise<RunningManagers> {
  const own = ownedProcessManagers(http);
  if (own) return { instance: own, stopOwn: async () => undefined };
  const commandBus = http.app.get(CommandBus);
  const managers = new ProcessManagers(
    store,
    new InMemoryCheckpoints(),
    new PledgingProcessManager(commandBus, store),
    new FundCoverageProcessManager(commandBus, store),
    new ClaimPaymentProcessManager(commandBus, store),
    new RecoverySharingProcessManager(commandBus, store),
    new PledgeEnforcementProcessManager(commandBus),
    { onError: () => undefined },
  );
  await managers.start();
  return { instance: managers, stopOwn: () => managers.stop() };
}

function ownedProcessManagers(http: HttpTestApp): ProcessManagers | null {
  try {
    return http.app.get(ProcessManagers, { strict: false });
  } catch {
    return null;
  }
}

class InMemoryCheckpoints implements CheckpointStore {
  private readonly positions = new Map<string, After>();
  async load(consumer: string): Promise<After> {
    return this.positions.get(consumer) ?? START;
  }
  async save(consumer: string, position: After): Promise<void> {
    this.positions.set(consumer, position);
  }
  async close(): Promise<void> {}
}
