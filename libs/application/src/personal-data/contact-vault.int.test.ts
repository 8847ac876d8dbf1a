import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestSchema } from '../../../../test/support/postgres';
import { ContactVault } from './contact-vault';
import { PersonalDataErasedError, type DataKeyStore } from './data-key-store';
import { openDataKeyStore } from './open-data-key-store';

const CONTACT = { name: 'Lin Xiaowei', phone: '+86 591 8765 4321', email: 'lin@minjiang.example' };
const AT = '2026-03-01T09:00:00.000Z';

async function openKeys(kind: 'SQLite' | 'PostgreSQL'): Promise<{ keys: DataKeyStore; dispose: () => Promise<void> }> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'data-keys-'));
    const keys = await openDataKeyStore(`sqlite:${path.join(dir, 'read-models.sqlite')}`);
    return { keys, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = await createTestSchema();
  const keys = await openDataKeyStore(`${schema.url}?schema=${schema.schema}`);
  return { keys, dispose: () => schema.drop() };
}

describe.each(['SQLite', 'PostgreSQL'] as const)('the contact vault on %s', (kind) => {
  let keys: DataKeyStore;
  let dispose: () => Promise<void>;
  let vault: ContactVault;

  beforeAll(async () => {
    ({ keys, dispose } = await openKeys(kind));
    vault = new ContactVault(keys);
  });
  afterAll(async () => {
    await keys?.close();
    await dispose?.();
  });

  it('seals with one key per enterprise and a fresh IV each time, and opens what it sealed', async () => {
    const first = await vault.seal('ent-1', CONTACT);
    const second = await vault.seal('ent-1', CONTACT);
    const other = await vault.seal('ent-2', CONTACT);
    expect(second.keyId).toBe(first.keyId);
    expect(other.keyId).not.toBe(first.keyId);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
    expect(JSON.stringify(first)).not.toMatch(/Lin|8765|minjiang/);
    await expect(vault.open('ent-1', first)).resolves.toEqual(CONTACT);
    await expect(vault.open('ent-1', second)).resolves.toEqual(CONTACT);
  });

  it('refuses a ciphertext altered, or moved to another enterprise, rather than call it erased', async () => {
    const sealed = await vault.seal('ent-3', CONTACT);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    await expect(vault.open('ent-3', { ...sealed, ciphertext: flipped.toString('base64') })).rejects.toThrow();
    await expect(vault.open('ent-4', sealed)).rejects.toThrow();
  });

  it('erases by destroying the key: nothing sealed with it opens again, and it is never re-created', async () => {
    const sealed = await vault.seal('ent-5', CONTACT);
    await expect(vault.erase('ent-5', AT)).resolves.toBe(true);
    await expect(vault.open('ent-5', sealed)).resolves.toBeNull();
    await expect(keys.find(sealed.keyId)).resolves.toBeNull();
    await expect(vault.erase('ent-5', AT)).resolves.toBe(false);
    await expect(vault.seal('ent-5', CONTACT)).rejects.toThrow(PersonalDataErasedError);
    await expect(vault.open('ent-1', await vault.seal('ent-1', CONTACT))).resolves.toEqual(CONTACT);
  });

  it('erases a subject that never had a key, so that none is created later', async () => {
    await expect(vault.erase('ent-6', AT)).resolves.toBe(true);
    await expect(vault.erase('ent-6', AT)).resolves.toBe(false);
    await expect(vault.seal('ent-6', CONTACT)).rejects.toThrow(PersonalDataErasedError);
  });
});
