import { START } from '@pledge-ledger/event-store';
import { EVENT_STORE } from '@pledge-ledger/application';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { IDEMPOTENCY_STORE } from '../../apps/ledger-api/src/http/idempotency/idempotency.interceptor';
import type { IdempotencyStore } from '../../apps/ledger-api/src/http/idempotency/idempotency-store';
import { startApiTestApp, type ApiTestApp } from '../api/support/api-test-app';

/**
 * An attempt cut off after its append — the server failed while keeping the answer (a 5xx), or
 * the process died before it could — must not take effect twice when the client sends the request
 * again with the same Idempotency-Key. The retry takes the key over and finds the first attempt's
 * events by the key's command id instead of deciding again (IdempotencyInterceptor,
 * AggregateCommandHandler). Found by R1: a repayment recorded twice after a crash.
 */
describe('a request cut off after its append, sent again with its Idempotency-Key', () => {
  let api: ApiTestApp;
  let store: EventStore;
  let keys: IdempotencyStore;
  const manager = { sub: 'fm-cut-off', role: 'fund-manager' as const };
  const caller = JSON.stringify([manager.sub, manager.role, null]);
  let token: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    store = api.http.app.get<EventStore>(EVENT_STORE);
    keys = api.http.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
    token = api.token('fund-manager', { sub: manager.sub });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
  });

  async function eventsOfType(type: string): Promise<RecordedEvent[]> {
    return (await store.readAll({ after: START, maxCount: 100_000 })).filter((event) => event.type === type);
  }

  it('after a 5xx: the retry answers what the first attempt did, and the fund is established once', async () => {
    const complete = jest.spyOn(keys, 'complete').mockRejectedValueOnce(new Error('read store unreachable'));
    const body = { name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' };
    const headers = { 'idempotency-key': 'establish-cut-off' };

    const first = await api.post('/v1/funds', { token, body, headers });
    expect(first.status).toBe(500);
    expect(await eventsOfType('FundEstablished')).toHaveLength(1);
    complete.mockRestore();

    const retry = await api.post('/v1/funds', { token, body, headers });
    expect(retry.status).toBe(201);
    const [established] = await eventsOfType('FundEstablished');
    expect(await eventsOfType('FundEstablished')).toHaveLength(1);
    expect(retry.body).toMatchObject({ id: established.data.fundId, revision: 0 });
    expect(established.metadata.commandId).toMatch(/^[0-9a-f]{64}$/);

    const replay = await api.post('/v1/funds', { token, body, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retry.body);
  });

  it('after a crash: the attempt that takes the stale key over finds the contribution and records it once', async () => {
    const fund = await api.post('/v1/funds', {
      token,
      body: { name: 'Second fund', establishedOn: '2026-01-01' },
      headers: { 'idempotency-key': 'second-fund' },
    });
    const fundId = fund.body.id as string;
    const key = 'contribution-cut-off';
    const body = {
      contributor: 'Fujian provincial finance department',
      amount: '10000000.00',
      valueDate: '2026-01-02',
    };
    // The process "dies" between the append and keeping the answer: nothing settles the key.
    jest.spyOn(keys, 'complete').mockRejectedValueOnce(new Error('killed'));
    jest.spyOn(keys, 'abandon').mockResolvedValueOnce(undefined);
    jest.spyOn(keys, 'release').mockResolvedValueOnce(undefined);
    const first = await api.post(`/v1/funds/${fundId}/contributions`, {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(500);
    jest.restoreAllMocks();
    const contributions = async () =>
      (await eventsOfType('FundCapitalContributed')).filter((e) => e.data.fundId === fundId);
    expect(await contributions()).toHaveLength(1);

    // Its claim is still held, as a dead process leaves it; make it as old as a stale one.
    const record = await keys.find(caller, key);
    expect(record?.state).toBe('in-progress');
    if (record?.state !== 'in-progress') throw new Error('unreachable');
    expect(await keys.takeOver(caller, key, record.claimedAt, 0)).toBe(true);

    const retry = await api.post(`/v1/funds/${fundId}/contributions`, {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(200);
    const recorded = await contributions();
    expect(recorded).toHaveLength(1);
    expect(retry.body).toMatchObject({ id: fundId, revision: recorded[0].revision });

    // A new key is a new contribution: the rule is about the key, not the body.
    const another = await api.post(`/v1/funds/${fundId}/contributions`, {
      token,
      body,
      headers: { 'idempotency-key': 'contribution-2' },
    });
    expect(another.status).toBe(200);
    expect(await contributions()).toHaveLength(2);
  });
});
