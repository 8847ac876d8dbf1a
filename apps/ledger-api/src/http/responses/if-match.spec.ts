import { RequestValidationError } from '../errors/http-error';
import { parseIfMatch, revisionETag } from './if-match';

describe('parseIfMatch', () => {
  it('reads the revision of a strong ETag, and nothing when the header is absent', () => {
    expect(parseIfMatch('"0"')).toBe(0);
    expect(parseIfMatch(' "42" ')).toBe(42);
    expect(parseIfMatch(revisionETag(7))).toBe(7);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['3', 'W/"3"', '*', '"1", "2"', '"-1"', '"01"', '"1.5"', '""', '"1234567890123456"'])(
    'refuses %p with a 400 naming If-Match',
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(RequestValidationError);
      try {
        parseIfMatch(header);
      } catch (error) {
        expect((error as RequestValidationError).fields[0].field).toBe('If-Match');
      }
    },
  );
});
