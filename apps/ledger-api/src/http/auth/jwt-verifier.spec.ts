import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthenticatedError } from '../errors/http-error';
import type { JwtKey } from './jwt-key';
import { JwtVerifier } from './jwt-verifier';
import { mintToken } from './mint-token';

const SECRET = 's'.repeat(64);
const hs256: JwtKey = { algorithm: 'HS256', secret: SECRET };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function refusal(verifier: JwtVerifier, token: string): string {
  try {
    verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

function unsigned(payload: object, header: object = { alg: 'none', typ: 'JWT' }): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.`;
}

describe('JwtVerifier with HS256', () => {
  const verifier = new JwtVerifier(hs256);

  it('reads the actor of each role, with the tenant the role needs and nothing else', () => {
    const token = (claims: Parameters<typeof mintToken>[0]) => verifier.verify(mintToken(claims, hs256));
    expect(token({ sub: 'alice', role: 'bank', bankId: 'B1', expiresIn: '1h' })).toEqual({
      sub: 'alice',
      role: 'bank',
      bankId: 'B1',
    });
    expect(token({ sub: 'eve', role: 'enterprise', enterpriseId: 'E1', expiresIn: 60 })).toEqual({
      sub: 'eve',
      role: 'enterprise',
      enterpriseId: 'E1',
    });
    for (const role of ['admin', 'fund-manager', 'auditor'] as const) {
      expect(token({ sub: 'x', role, expiresIn: '1h' })).toEqual({ sub: 'x', role });
    }
    const stray = jwt.sign({ role: 'auditor', bankId: 'B1' }, SECRET, { subject: 'x', expiresIn: '1h' });
    expect(verifier.verify(stray)).toEqual({ sub: 'x', role: 'auditor' });
  });

  it('refuses an expired token, saying when it expired', () => {
    const token = jwt.sign({ role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, { subject: 'a' });
    expect(refusal(verifier, token)).toMatch(/^The token expired at \d{4}-/);
  });

  it('refuses a token without an expiry', () => {
    expect(refusal(verifier, jwt.sign({ role: 'admin' }, SECRET, { subject: 'a' }))).toMatch(/no expiry/);
  });

  it('refuses an unsigned token (alg none), also with a secret-looking signature part', () => {
    const payload = { sub: 'a', role: 'admin', exp: inAnHour() };
    expect(refusal(verifier, unsigned(payload))).toMatch(/not valid/);
    expect(refusal(verifier, `${unsigned(payload)}c2ln`)).toMatch(/not valid/);
  });

  it('refuses another HMAC algorithm with the same secret, and another secret', () => {
    const payload = { role: 'admin', exp: inAnHour() };
    expect(refusal(verifier, jwt.sign(payload, SECRET, { algorithm: 'HS512', subject: 'a' }))).toMatch(
      /invalid algorithm/,
    );
    expect(refusal(verifier, jwt.sign(payload, 't'.repeat(64), { subject: 'a' }))).toMatch(/invalid signature/);
  });

  it.each<[string, object, RegExp]>([
    ['no sub', { role: 'admin' }, /subject \(sub\)/],
    ['an empty sub', { sub: ' ', role: 'admin' }, /subject \(sub\)/],
    ['a sub of 201 characters', { sub: 'a'.repeat(201), role: 'admin' }, /longer than 200 characters/],
    ['no role', { sub: 'a' }, /role undefined is not one of/],
    [
      'the system role',
      { sub: 'a', role: 'system' },
      /role "system" is not one of admin, bank, enterprise, fund-manager, auditor/,
    ],
    ['an unknown role', { sub: 'a', role: 'root' }, /role "root"/],
    ['a bank without bankId', { sub: 'a', role: 'bank' }, /bank token must carry the bank it acts for \(bankId\)/],
    ['a bank with an unsafe bankId', { sub: 'a', role: 'bank', bankId: '../B1' }, /bankId/],
    ['an enterprise without enterpriseId', { sub: 'a', role: 'enterprise' }, /\(enterpriseId\)/],
  ])('refuses a token with %s, naming the claim', (_, claims, message) => {
    expect(refusal(verifier, jwt.sign({ ...claims, exp: inAnHour() }, SECRET))).toMatch(message);
  });

  it('checks iss and aud when configured', () => {
    const strict = new JwtVerifier(hs256, { issuer: 'idp', audience: 'ledger' });
    const claims = { sub: 'a', role: 'admin' as const, expiresIn: '1h' };
    expect(strict.verify(mintToken(claims, hs256, { issuer: 'idp', audience: 'ledger' }))).toEqual({
      sub: 'a',
      role: 'admin',
    });
    expect(refusal(strict, mintToken(claims, hs256, { issuer: 'other', audience: 'ledger' }))).toMatch(/issuer/);
    expect(refusal(strict, mintToken(claims, hs256, { issuer: 'idp' }))).toMatch(/audience/);
  });
});

describe('JwtVerifier with RS256', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const verifier = new JwtVerifier({ algorithm: 'RS256', publicKey: publicPem });

  it('accepts a token the identity provider signed with the private key', () => {
    const token = jwt.sign({ role: 'auditor' }, privateKey, { algorithm: 'RS256', subject: 'ada', expiresIn: '1h' });
    expect(verifier.verify(token)).toEqual({ sub: 'ada', role: 'auditor' });
  });

  it('refuses an HS256 token whose secret is the public key (algorithm confusion)', () => {
    const forged = hs256ByHand({ sub: 'eve', role: 'admin', exp: inAnHour() }, publicPem);
    expect(refusal(verifier, forged)).toMatch(/invalid algorithm/);
  });

  it('refuses an unsigned token', () => {
    expect(refusal(verifier, unsigned({ sub: 'eve', role: 'admin', exp: inAnHour() }))).toMatch(/not valid/);
  });
});

describe('mintToken', () => {
  it('refuses to mint with an RS256 key: the server holds only the public half', () => {
    expect(() =>
      mintToken({ sub: 'a', role: 'admin', expiresIn: '1h' }, { algorithm: 'RS256', publicKey: 'pem' }),
    ).toThrow(/identity provider/);
  });
});

/** HS256 by hand: jsonwebtoken itself refuses to sign with a PEM as an HMAC secret. */
function hs256ByHand(payload: object, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
