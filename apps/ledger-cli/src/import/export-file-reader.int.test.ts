import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from '../cli-error';
import { readExportFile, type FileEvent, type FileSummary } from './export-file-reader';

const HEADER =
  '{"kind":"header","format":"pledge-ledger/export","formatVersion":1,"exportedAt":"2026-11-25T18:00:00.000Z","source":"sqlite"}';
const event = (position: string, revision = 0, streamId = 's-1') =>
  JSON.stringify({
    kind: 'event',
    position,
    streamId,
    revision,
    type: 'Happened',
    data: { n: 1 },
    metadata: { eventId: `e-${position}` },
    hash: 'a'.repeat(64),
  });
const TRAILER = '{"kind":"trailer","events":2,"streams":1}';

/** The shape checks import makes on a file before it even looks at hashes (real files on disk). */
describe('reading an export file', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-reader-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  async function read(lines: readonly string[]): Promise<{ events: FileEvent[]; summary: FileSummary }> {
    const file = path.join(dir, `export-${++n}.ndjson`);
    fs.writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
    const summary: FileSummary = { header: null, trailer: null, events: 0 };
    const events: FileEvent[] = [];
    for await (const e of readExportFile(file, summary)) events.push(e);
    return { events, summary };
  }
  const refusal = async (lines: readonly string[]) => {
    const error = await read(lines).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  };

  it('yields the events of a well-formed file, with its header and trailer', async () => {
    const { events, summary } = await read([HEADER, event('1'), event('2', 1), TRAILER]);
    expect(events.map((e) => [e.streamId, e.revision, e.position])).toEqual([
      ['s-1', 0, { commit: 1n, prepare: 1n }],
      ['s-1', 1, { commit: 2n, prepare: 2n }],
    ]);
    expect(summary).toMatchObject({ header: { source: 'sqlite' }, trailer: { events: 2, streams: 1 }, events: 2 });
  });

  it('refuses a file of another format or version', async () => {
    expect(await refusal(['{"kind":"header","format":"other"}', TRAILER])).toMatch(
      /line 1: not a pledge-ledger\/export header/,
    );
    expect(await refusal([HEADER.replace('"formatVersion":1', '"formatVersion":2'), TRAILER])).toMatch(
      /line 1: format version 2; this ledger reads 1/,
    );
  });

  it('refuses a line that is not JSON, an unknown kind, and anything after the trailer', async () => {
    expect(await refusal([HEADER, '{"kind":"event",', TRAILER])).toMatch(/line 2: not JSON/);
    expect(await refusal([HEADER, '{"kind":"snapshot"}', TRAILER])).toMatch(/line 2: unknown line kind "snapshot"/);
    expect(await refusal([HEADER, event('1'), TRAILER, event('2', 1)])).toMatch(/line 4: content after the trailer/);
  });

  it('refuses events out of global order and malformed fields, naming the line', async () => {
    expect(await refusal([HEADER, event('2'), event('1', 1), TRAILER])).toMatch(
      /line 3: positions are not in increasing order/,
    );
    expect(await refusal([HEADER, event('x'), TRAILER])).toMatch(/line 2: position "x" is not a position/);
    expect(await refusal([HEADER, event('1', -1), TRAILER])).toMatch(/line 2: revision must be a whole number/);
    expect(await refusal([HEADER, event('1').replace('a'.repeat(64), 'XYZ'), TRAILER])).toMatch(
      /line 2: hash must be 64 lowercase hex digits/,
    );
  });

  it('refuses an empty file and one cut short before its trailer', async () => {
    expect(await refusal([])).toMatch(/is empty: not an export/);
    expect(await refusal([HEADER, event('1')])).toMatch(/has no trailer: the export is incomplete/);
  });
});
