import { evolveLoan, initialLoanState, loanPositionAsOf, type LoanEvent, type LoanState } from '@pledge-ledger/domain';
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

  it('turns a fen wherever it stands: at the top, in arrays, in arrays of arrays; only a lone string $fen key', () => {
    expect(decodeState('{"$fen":"7"}')).toBe(7n);
    expect(decodeState('[[{"$fen":"-3"}],{"$fen":"0"},null,"1"]')).toEqual([[-3n], 0n, null, '1']);
    expect(decodeState('{"a":{"$fen":5},"b":{"$fen":"5","c":1},"d":{"$fen":{"$fen":"2"}}}')).toEqual({
      a: { $fen: 5 },
      b: { $fen: '5', c: 1 },
      d: { $fen: 2n },
    });
  });
});

describe('a folded loan state as JSON', () => {
  // Only the fields evolveLoan reads.
  const events = [
    {
      type: 'LoanOriginated',
      data: {
        loanId: 'loan-1',
        bankId: 'bank-1',
        enterpriseId: 'ent-1',
        principal: '1000.00',
        annualRateBps: 1200,
        termMonths: 2,
        repaymentMethod: 'equal-principal',
        originationDate: '2025-01-10',
        maturityDate: '2025-03-15',
        pledgedAssetIds: ['asset-1'],
      },
    },
    { type: 'LoanPledgesSecured', data: { pledges: [] } },
    {
      type: 'LoanDisbursed',
      data: {
        valueDate: '2025-01-15',
        maturityDate: '2025-03-15',
        schedule: [
          { number: 1, dueDate: '2025-02-15', principal: '500.00', interest: '10.00' },
          { number: 2, dueDate: '2025-03-15', principal: '500.00', interest: '5.00' },
        ],
      },
    },
    { type: 'RepaymentReceived', data: { valueDate: '2025-02-15', principal: '500.00', interest: '10.00' } },
    { type: 'RepaymentReceived', data: { valueDate: '2025-03-01', principal: '100.00', interest: '0.00' } },
  ] as unknown as LoanEvent[];

  it('writes the repayments as a plain array, and folding on after decoding gives the same state', () => {
    const whole = events.reduce(evolveLoan, initialLoanState);
    const text = encodeState(whole);
    expect(text).toContain(
      '"servicing":{"repayments":[{"valueDate":"2025-02-15","principal":{"$fen":"50000"},"interest":{"$fen":"1000"}},' +
        '{"valueDate":"2025-03-01","principal":{"$fen":"10000"},"interest":{"$fen":"0"}}],"principalRepaid":{"$fen":"60000"}',
    );
    const resumed = events
      .slice(4)
      .reduce(evolveLoan, decodeState<LoanState>(encodeState(events.slice(0, 4).reduce(evolveLoan, initialLoanState))));
    expect(resumed).toEqual(whole);
    expect(encodeState(resumed)).toBe(text);
    expect(loanPositionAsOf(resumed, '2025-03-15')).toEqual(loanPositionAsOf(whole, '2025-03-15'));
  });
});
