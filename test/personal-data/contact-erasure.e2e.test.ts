import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import {
  startLifecycleServer,
  type Answer,
  type Database as Backend,
  type LifecycleServer,
} from '../lifecycle/lifecycle-server';

/**
 * A contact person over HTTP on the embedded SQLite and on PostgreSQL: given at registration, shown
 * on the dashboard to the enterprise and the admin, erased by the admin (crypto-shredding). The
 * history keeps only ciphertext, before and after; the erasure itself is an event with no personal
 * data; a second erasure records nothing.
 */
const DATABASES: Backend[] = ['sqlite', 'postgres'];

const CONTACT = { name: 'Lin Xiaowei', phone: '+86 591 8765 4321', email: 'lin.xiaowei@minjiang.example' };
const ERASURE = { reason: 'subject-request' };
const PLAINTEXT = [CONTACT.name, CONTACT.phone, CONTACT.email, '8765 4321', 'lin.xiaowei'];

describe.each(DATABASES)('the contact person on %s', (database) => {
  let server: LifecycleServer;
  let ADMIN: string;
  let ENT: string;
  let OTHER_ENT: string;
  let AUDITOR: string;
  const enterpriseId = 'ent-contact';

  const registration = (id: string, contact: unknown) => ({
    enterpriseId: id,
    name: 'Minjiang Photonics',
    creditCode: '91350100M000100Y43',
    region: 'Fujian/Fuzhou',
    size: 'small',
    contact,
  });

  const dashboard = (token: string, position: string | null): Promise<Answer> =>
    server.get(`/v1/enterprises/${enterpriseId}/dashboard${position ? `?minPosition=${position}` : ''}`, token);

  /** Every row of every table of the event store, as text: what a database dump would hold. */
  async function storedText(): Promise<string> {
    if (database === 'sqlite') {
      const dir = path.dirname(server.eventStoreUrl.slice('sqlite:'.length));
      return readdirSync(dir)
        .map((file) => readFileSync(path.join(dir, file)).toString('latin1'))
        .join('\n');
    }
    const url = new URL(server.eventStoreUrl);
    const schema = url.searchParams.get('schema')!;
    url.searchParams.delete('schema');
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      const dumps = [];
      for (const { table_name } of tables) {
        const { rows } = await client.query(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table_name}" t`);
        dumps.push(...rows.map((row: { row: string }) => row.row));
      }
      return dumps.join('\n');
    } finally {
      await client.end();
    }
  }

  /** The data key as the embedded key store holds it (beside the read models), as text to search the files for. */
  function sqliteDataKey(keyId: string): string {
    const file = path.join(path.dirname(server.eventStoreUrl.slice('sqlite:'.length)), 'read-models.sqlite');
    const db = new Database(file, { readonly: true });
    try {
      const row = db.prepare('SELECT data_key FROM personal_data_keys WHERE key_id = ?').get(keyId) as {
        data_key: Buffer;
      };
      expect(row.data_key).toHaveLength(32);
      return row.data_key.toString('latin1');
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    server = await startLifecycleServer(database);
    ADMIN = server.token({ role: 'admin', sub: 'olga' });
    ENT = server.token({ role: 'enterprise', sub: 'cfo-1', enterpriseId });
    OTHER_ENT = server.token({ role: 'enterprise', sub: 'cfo-2', enterpriseId: 'ent-other' });
    AUDITOR = server.token({ role: 'auditor', sub: 'audrey' });
  });
  afterAll(() => server?.close());

  it('refuses an invalid contact person field by field, recording nothing', async () => {
    const answer = await server.post(
      '/v1/enterprises',
      ADMIN,
      registration('ent-bad-contact', { name: '', phone: 'call me', email: 'not-an-email' }),
    );
    expect(answer.status).toBe(400);
    const fields = (answer.body.error.details.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['contact.email', 'contact.name', 'contact.phone']);
    expect(JSON.stringify(answer.body)).not.toContain('not-an-email');
    expect((await server.get('/v1/audit/streams/enterprise-ent-bad-contact', AUDITOR)).status).toBe(404);
  });

  it('registers, shows, erases, and keeps only ciphertext in the history', async () => {
    const registered = await server.post('/v1/enterprises', ADMIN, registration(enterpriseId, CONTACT));
    expect(registered.status).toBe(201);

    for (const token of [ENT, ADMIN]) {
      const shown = await dashboard(token, registered.body.position);
      expect(shown.status).toBe(200);
      expect(shown.body.contact).toEqual(CONTACT);
    }
    expect((await dashboard(OTHER_ENT, registered.body.position)).status).toBe(404);

    const [event] = (await server.get(`/v1/audit/streams/enterprise-${enterpriseId}`, AUDITOR)).body.items;
    expect(event.metadata.schemaVersion).toBe(2);
    expect(Object.keys(event.data.contact).sort()).toEqual(['ciphertext', 'iv', 'keyId', 'tag']);
    const before = await storedText();
    expect(before).toContain(event.data.contact.ciphertext);
    for (const text of PLAINTEXT) expect(before).not.toContain(text);

    const key = database === 'sqlite' ? sqliteDataKey(event.data.contact.keyId) : null;
    if (key) expect(before).toContain(key);

    const erased = await server.post(`/v1/enterprises/${enterpriseId}/contact-erasures`, ADMIN, ERASURE);
    expect(erased.status).toBe(200);
    expect(erased.body.revision).toBe(1);
    for (const token of [ENT, ADMIN]) {
      const shown = await dashboard(token, erased.body.position);
      expect(shown.body.contact).toEqual({ erased: true });
      expect(shown.body.name).toBe('Minjiang Photonics');
    }

    const history = (await server.get(`/v1/audit/streams/enterprise-${enterpriseId}`, AUDITOR)).body.items;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['EnterpriseRegistered', 'EnterpriseContactErased']);
    expect(history[0]).toEqual(event);
    expect(history[1].data).toEqual({ enterpriseId, keyId: event.data.contact.keyId, reason: 'subject-request' });
    expect(history[1].metadata.actor).toMatchObject({ sub: 'olga', role: 'admin' });
    // History was never edited: every hash chain still verifies after the erasure.
    const verification = await server.post('/v1/audit/verifications', AUDITOR, {});
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ ok: true, firstBrokenLink: null });
    const after = await storedText();
    for (const text of PLAINTEXT) expect(after).not.toContain(text);
    // The key's bytes are gone from the files too (zeroed, and out of the write-ahead log).
    if (key) expect(after).not.toContain(key);

    const again = await server.post(`/v1/enterprises/${enterpriseId}/contact-erasures`, ADMIN, ERASURE);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: enterpriseId, revision: 1, position: null });
    expect((await server.get(`/v1/audit/streams/enterprise-${enterpriseId}`, AUDITOR)).body.items).toHaveLength(2);
  });

  it('refuses an erasure without a reason code, destroying nothing', async () => {
    const id = 'ent-no-reason';
    const registered = await server.post('/v1/enterprises', ADMIN, registration(id, CONTACT));
    const refused = await server.post(`/v1/enterprises/${id}/contact-erasures`, ADMIN, { reason: 'asked nicely' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    const shown = await server.get(`/v1/enterprises/${id}/dashboard?minPosition=${registered.body.position}`, ADMIN);
    expect(shown.body.contact).toEqual(CONTACT);
  });

  it('lets only the admin erase, and answers 404 for an unknown enterprise', async () => {
    const id = 'ent-kept';
    const registered = await server.post('/v1/enterprises', ADMIN, registration(id, CONTACT));
    expect(registered.status).toBe(201);
    const tokens = [
      server.token({ role: 'enterprise', sub: 'cfo-3', enterpriseId: id }),
      server.token({ role: 'bank', sub: 'alice', bankId: 'B1' }),
      server.token({ role: 'fund-manager', sub: 'fm1' }),
      AUDITOR,
    ];
    for (const token of tokens) {
      const refused = await server.post(`/v1/enterprises/${id}/contact-erasures`, token, ERASURE);
      expect(refused.status).toBe(403);
    }
    expect((await server.post('/v1/enterprises/no-such-id/contact-erasures', ADMIN, ERASURE)).status).toBe(404);
    const shown = await server.get(`/v1/enterprises/${id}/dashboard?minPosition=${registered.body.position}`, ADMIN);
    expect(shown.body.contact).toEqual(CONTACT);
  });
});
