import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveJwtKey } from './jwt-key';

describe('resolveJwtKey on the embedded default', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-jwt-key-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a random secret readable by its owner only, and keeps it', () => {
    const file = path.join(dir, 'nested', 'jwt-secret');
    const first = resolveJwtKey({ algorithm: 'HS256', source: 'data-dir', file });
    expect(first).toEqual({ algorithm: 'HS256', secret: expect.stringMatching(/^[0-9a-f]{64}$/), file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveJwtKey({ algorithm: 'HS256', source: 'data-dir', file })).toEqual(first);
  });

  it('gives every data dir its own secret', () => {
    const a = resolveJwtKey({ algorithm: 'HS256', source: 'data-dir', file: path.join(dir, 'a', 'jwt-secret') });
    const b = resolveJwtKey({ algorithm: 'HS256', source: 'data-dir', file: path.join(dir, 'b', 'jwt-secret') });
    expect(a).not.toEqual(b);
  });

  it('refuses a secret file someone shortened', () => {
    const file = path.join(dir, 'jwt-secret');
    fs.writeFileSync(file, 'abc\n');
    expect(() => resolveJwtKey({ algorithm: 'HS256', source: 'data-dir', file })).toThrow(/3 characters; delete it/);
  });

  it('passes a configured key through', () => {
    expect(resolveJwtKey({ algorithm: 'HS256', source: 'setting', secret: 'x'.repeat(32) })).toEqual({
      algorithm: 'HS256',
      secret: 'x'.repeat(32),
    });
    expect(resolveJwtKey({ algorithm: 'RS256', source: 'setting', publicKey: 'pem' })).toEqual({
      algorithm: 'RS256',
      publicKey: 'pem',
    });
  });
});
