import { decodeState, encodeState } from './state-json';

describe('domain state as JSON', () => {
  it('round-trips bigint fen exactly, nested in objects and arrays, beyond 2^53', () => {
    const state = {
      status: 'active',
      principal: 200_000_000n,
      schedule: [{ number: 1, dueDate: '2026-02-15', principal: 0n, interest: 2_000_000n }],
      huge: 10n ** 17n - 1n,
      negative: -1n,
      note: null,
    };
    const text = encodeState(state);
    expect(text).toContain('{"$fen":"200000000"}');
    expect(decodeState(text)).toEqual(state);
  });

  it('leaves plain objects and strings that look like numbers alone', () => {
    const state = { id: '123', amount: '100.00', nested: { fen: '5', $fen: 'x', other: 1 } };
    expect(decodeState(encodeState(state))).toEqual(state);
  });
});
