import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatPosition, openEventStore, START, type After, type EventStore } from '@pledge-ledger/event-store';
import { scanHistory, type HistoryFilter } from './scan-history';

/**
 * The filtered history scan on a real store: 30 events in 3 streams, every third one by "fm1".
 * A small budget makes the scan stop before the page is full; following the cursor finds exactly
 * the matching events, in order, whatever the budget and the page size.
 */
describe('scanHistory', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'scan-history-'));
    store = await openEventStore(`sqlite:${path.join(dir, 'events.sqlite')}`);
    for (let i = 0; i < 30; i++) {
      const stream = `s-${i % 3}`;
      await store.append(
        stream,
        [
          {
            type: i % 2 === 0 ? 'Even' : 'Odd',
            data: { i },
            metadata: {
              eventId: `e-${i}`,
              actor: { sub: i % 3 === 0 ? 'fm1' : 'alice', role: 'fund-manager' },
              correlationId: `c-${Math.floor(i / 10)}`,
              causationId: null,
              recordedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
              schemaVersion: 1,
            },
          },
        ],
        'any',
      );
    }
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function follow(filter: HistoryFilter, limit: number, scanBudget: number, pageSize: number) {
    const found: number[] = [];
    const pages: { items: number; next: string | null; scanned: number }[] = [];
    let after: After = START;
    for (let page = 0; page < 100; page++) {
      const scan = await scanHistory(store, { after, limit, filter, scanBudget, pageSize });
      found.push(...scan.events.map((event) => event.data.i as number));
      pages.push({ items: scan.events.length, next: scan.next && formatPosition(scan.next), scanned: scan.scanned });
      if (scan.next === null) break;
      after = scan.next;
    }
    return { found, pages };
  }

  it('stops at the budget with a cursor where it stopped, and the cursors lead to every match once', async () => {
    const { found, pages } = await follow({ actor: 'fm1' }, 100, 7, 4);
    expect(found).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    // 30 events, 7 read per request: four full budgets, then the last 2 reach the end.
    expect(pages.map((page) => page.scanned)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.map((page) => page.next)).toEqual(['7', '14', '21', '28', null]);
  });

  it('stops at a full page with the cursor on its last item', async () => {
    const { found, pages } = await follow({ type: 'Even', correlationId: 'c-1' }, 2, 1000, 500);
    expect(found).toEqual([10, 12, 14, 16, 18]);
    expect(pages.map((page) => page.next)).toEqual(['13', '17', null]);
  });

  it('takes from inclusive and to exclusive, and no filter gives the plain history', async () => {
    const range = await follow({ from: '2026-01-01T00:05:00.000Z', to: '2026-01-01T00:08:00.000Z' }, 100, 1000, 500);
    expect(range.found).toEqual([5, 6, 7]);
    const all = await follow({}, 30, 1000, 500);
    expect(all.found).toHaveLength(30);
    expect(all.pages).toEqual([{ items: 30, next: null, scanned: 30 }]);
  });
});
