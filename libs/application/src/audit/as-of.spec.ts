import { parseAsOf, parseInstant } from './as-of';

describe('parseAsOf', () => {
  it('reads a position, dense or EventStoreDB-style', () => {
    expect(parseAsOf('42')).toEqual({ position: { commit: 42n, prepare: 42n } });
    expect(parseAsOf('42/40')).toEqual({ position: { commit: 42n, prepare: 40n } });
  });

  it('reads a time with its zone and gives it in UTC', () => {
    expect(parseAsOf('2026-03-01T12:00:00Z')).toEqual({ time: '2026-03-01T12:00:00.000Z' });
    expect(parseAsOf('2026-03-01T12:00+08:00')).toEqual({ time: '2026-03-01T04:00:00.000Z' });
    expect(parseAsOf('2026-03-01T12:00:00.123456Z')).toEqual({ time: '2026-03-01T12:00:00.123Z' });
  });

  it.each([
    ['a bare date, which could mean its start or its end', '2026-03-01', 'ISO-8601 time with its zone'],
    ['a time without its zone', '2026-03-01T12:00:00', 'ISO-8601 time with its zone'],
    ['an impossible date', '2026-02-30T00:00:00Z', 'ISO-8601 time with its zone'],
    ['start', 'start', 'must be a position'],
    ['words', 'yesterday', 'must be a position'],
    ['a negative position', '-1', 'must be a position'],
    ['nothing', '', 'must be a position'],
  ])('refuses %s with a message saying what it takes', (_what, text, message) => {
    expect(() => parseAsOf(text)).toThrow(message);
    expect(() => parseAsOf(text)).toThrow(expect.objectContaining({ code: 'AUDIT.INVALID_AS_OF', kind: 'invalid' }));
  });
});

describe('parseInstant', () => {
  it('names the field it reads', () => {
    expect(() => parseInstant('soon', 'from')).toThrow('from "soon" is not an ISO-8601 time');
  });
});
