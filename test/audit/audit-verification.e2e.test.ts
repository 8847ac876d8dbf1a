import {
  startLifecycleServer,
  type Answer,
  type Database,
  type Json,
  type LifecycleServer,
} from '../lifecycle/lifecycle-server';
import { auditHistory, buildAuditWorld, type AuditWorld } from './audit-world';
import { tamperWithEventData } from './tamper';

/**
 * Tamper evidence over HTTP on the embedded SQLite and on PostgreSQL: every event shows its hash,
 * a verification finds every chain intact, then names the stream and revision of an event whose
 * data was edited directly in the database (the SQLite file, the PostgreSQL events table).
 */
const DATABASES: Database[] = ['sqlite', 'postgres'];

describe.each(DATABASES)('audit verification on %s', (database) => {
  let server: LifecycleServer;
  let w: AuditWorld;

  beforeAll(async () => {
    server = await startLifecycleServer(database);
    w = await buildAuditWorld(server);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const history = (): Promise<Json[]> => auditHistory(server, w);

  it('shows each event with who, when, in answer to what, and its hash', async () => {
    const all = await history();
    expect(all.length).toBeGreaterThan(8);
    for (const event of all) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.metadata).toEqual(
        expect.objectContaining({
          actor: expect.objectContaining({ sub: expect.any(String), role: expect.any(String) }),
          recordedAt: expect.any(String),
          correlationId: expect.any(String),
        }),
      );
      expect(event.metadata).toHaveProperty('causationId');
    }
  });

  describe('verification', () => {
    it('finds every chain intact, and computes afresh on each request even with the same Idempotency-Key', async () => {
      const all = await history();
      const first = await verify('verify-1');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        ok: true,
        eventsChecked: all.length,
        streamsChecked: new Set(all.map((event) => event.streamId)).size,
        firstBrokenLink: null,
        verifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        headPosition: all[all.length - 1].position,
      });
      const second = await verify('verify-1');
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBeNull();
      expect(second.body.verifiedAt >= first.body.verifiedAt).toBe(true);
    });

    it('names the stream and revision of an event whose data was edited in the database', async () => {
      const before = await history();
      await tamperWithEventData(server.eventStoreUrl, `loan-${w.loanId}`, w.repaymentRevision, { amount: '36000.00' });
      // The same Idempotency-Key as the intact verification: a stored answer would still say ok.
      const answer = await verify('verify-1');
      expect(answer.status).toBe(200);
      const edited = before.find((event) => event.type === 'RepaymentReceived');
      expect(answer.body).toMatchObject({
        ok: false,
        firstBrokenLink: {
          streamId: `loan-${w.loanId}`,
          revision: w.repaymentRevision,
          position: edited.position,
          reason: 'hash',
          found: edited.hash,
        },
      });
      expect(answer.body.firstBrokenLink.expected).not.toBe(edited.hash);
      // Verifying wrote nothing: the history is as long as before.
      expect((await history()).length).toBe(before.length);
    });
  });

  async function verify(key: string): Promise<Answer & { headers: Headers }> {
    const response = await fetch(`${server.baseUrl}/v1/audit/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.AUDITOR}`, 'idempotency-key': key },
    });
    const text = await response.text();
    return { status: response.status, etag: null, headers: response.headers, body: JSON.parse(text) };
  }
});
