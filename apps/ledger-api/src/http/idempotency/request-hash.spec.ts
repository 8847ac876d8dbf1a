import { canonicalJson } from '@pledge-ledger/event-store';
import { commandIdOf, requestHash } from './request-hash';

describe('requestHash', () => {
  it('is the same for the same body with its keys in another order, at every depth', () => {
    const a = { amount: '1.00', loan: { id: 'L1', assets: [{ n: 1, k: 'x' }] } };
    const b = { loan: { assets: [{ k: 'x', n: 1 }], id: 'L1' }, amount: '1.00' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash('POST', '/v1/loans', a)).toBe(requestHash('post', '/v1/loans', b));
  });

  it('differs for another value, another path, another method or another array order', () => {
    const base = requestHash('POST', '/v1/loans', { amount: '1.00', ids: [1, 2] });
    expect(requestHash('POST', '/v1/loans', { amount: '1.01', ids: [1, 2] })).not.toBe(base);
    expect(requestHash('POST', '/v1/claims', { amount: '1.00', ids: [1, 2] })).not.toBe(base);
    expect(requestHash('PUT', '/v1/loans', { amount: '1.00', ids: [1, 2] })).not.toBe(base);
    expect(requestHash('POST', '/v1/loans', { amount: '1.00', ids: [2, 1] })).not.toBe(base);
  });

  it('tells a string from a number, and an absent body from an empty one', () => {
    expect(requestHash('POST', '/x', { a: '1' })).not.toBe(requestHash('POST', '/x', { a: 1 }));
    expect(requestHash('POST', '/x', undefined)).not.toBe(requestHash('POST', '/x', {}));
  });

  it("gives each caller's key its own command id, never the key itself", () => {
    const id = commandIdOf('["alice","bank","B1"]', 'key-1');
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain('key-1');
    expect(commandIdOf('["alice","bank","B1"]', 'key-1')).toBe(id);
    expect(commandIdOf('["bob","bank","B1"]', 'key-1')).not.toBe(id);
    expect(commandIdOf('["alice","bank","B1"]', 'key-2')).not.toBe(id);
  });
});
