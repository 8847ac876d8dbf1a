import { copyOf } from './copy-rows';

describe('copyOf: rows in COPY text format', () => {
  it('writes one line per row, values tab-separated in the first row’s column order', () => {
    const copy = copyOf('journal_loans', [
      { loan_id: 'L-1', bank_id: 'B1', enterprise_id: 'E1' },
      { enterprise_id: 'E2', loan_id: 'L-2', bank_id: 'B2' },
    ]);

    expect(copy).toEqual({
      table: 'journal_loans',
      columns: ['loan_id', 'bank_id', 'enterprise_id'],
      text: 'L-1\tB1\tE1\nL-2\tB2\tE2\n',
    });
  });

  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    const copy = copyOf('t', [{ a: 'back\\slash', b: 'tab\there', c: 'two\nlines\r', d: null, e: '\\N' }]);

    expect(copy.text).toBe('back\\\\slash\ttab\\there\ttwo\\nlines\\r\t\\N\t\\\\N\n');
  });

  it('writes numbers, bigints beyond 2^53 and booleans as PostgreSQL reads them', () => {
    const copy = copyOf('t', [{ n: 42, big: 9_007_199_254_740_993n, yes: true, no: false, negative: -7n }]);

    expect(copy.text).toBe('42\t9007199254740993\tt\tf\t-7\n');
  });

  it('leaves other characters as they are: quotes, commas, non-ASCII', () => {
    const copy = copyOf('t', [{ a: `"quoted", 'single'`, b: '质押 €' }]);

    expect(copy.text).toBe(`"quoted", 'single'\t质押 €\n`);
  });

  it('has no text and no columns for no rows', () => {
    expect(copyOf('t', [])).toEqual({ table: 't', columns: [], text: '' });
  });
});
