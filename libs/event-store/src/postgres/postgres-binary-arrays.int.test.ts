import { Client } from 'pg';
import { LEDGER_TEST_PG_URL } from '../../../../test/support/postgres';
import { binaryIntArray, binaryTextArray, JSON_OID, TEXT_OID } from './postgres-binary-arrays';

/** The server reads the arrays the batch statement sends back element for element, byte for byte. */
describe('binary arrays', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: LEDGER_TEST_PG_URL });
    await client.connect();
  });

  afterAll(() => client.end());

  const texts = ['', 'plain', 'é中🙂 "quoted" \\ back\nslash', '\u2028 \uffff', 'x'.repeat(100_000)];

  it('sends text[] and json[] elements exactly, multi-byte characters included', async () => {
    const json = texts.map((text) => JSON.stringify({ text }));
    const { rows } = await client.query<{ text: string[]; json: string[] }>(
      `SELECT $1::text[] AS text, (SELECT array_agg(j::text ORDER BY n) FROM unnest($2::json[]) WITH ORDINALITY AS u (j, n)) AS json`,
      [binaryTextArray(TEXT_OID, texts, (text) => text), binaryTextArray(JSON_OID, json, (text) => text)],
    );
    expect(rows[0].text).toEqual(texts);
    expect(rows[0].json).toEqual(json);
  });

  it('sends int[] and empty arrays', async () => {
    const { rows } = await client.query<{ ints: number[]; none: number }>(
      'SELECT $1::int[] AS ints, cardinality($2::text[]) AS none',
      [binaryIntArray([1, -2, 2147483647, 0]), binaryTextArray(TEXT_OID, [], (text: string) => text)],
    );
    expect(rows[0]).toEqual({ ints: [1, -2, 2147483647, 0], none: 0 });
  });

  it('is refused by the server when an element is not JSON', async () => {
    await expect(
      client.query('SELECT $1::json[]', [binaryTextArray(JSON_OID, ['{"a":1}', '{"a":'], (text) => text)]),
    ).rejects.toThrow(/json/i);
  });
});
