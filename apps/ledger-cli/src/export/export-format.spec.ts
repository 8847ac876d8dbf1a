import type { EventMetadata, RecordedEvent } from '@pledge-ledger/event-store';
import { sqlPosition } from '@pledge-ledger/event-store';

import { eventLine, headerLine, trailerLine } from './export-format';

const metadata: EventMetadata = {
  eventId: 'e-1',
  actor: { sub: 'alice', role: 'bank', bankId: 'B1' },
  correlationId: 'c-1',
  causationId: null,
  recordedAt: '2026-02-15T09:00:00.000Z',
  schemaVersion: 1,
};

const event = (data: RecordedEvent['data'], position = 7n): RecordedEvent => ({
  streamId: 'loan-L1',
  revision: 3,
  position: sqlPosition(position),
  type: 'RepaymentReceived',
  data,
  metadata,
  hash: 'ab'.repeat(32),
});

describe('export lines (docs/export-format.md)', () => {
  it('writes an event with the documented key order and data and metadata in canonical JSON', () => {
    expect(eventLine(event({ principal: '15000.00', amount: '35000.00', loanId: 'L1' }))).toBe(
      '{"kind":"event","position":"7","streamId":"loan-L1","revision":3,"type":"RepaymentReceived",' +
        '"data":{"amount":"35000.00","loanId":"L1","principal":"15000.00"},' +
        '"metadata":{"actor":{"bankId":"B1","role":"bank","sub":"alice"},"causationId":null,"correlationId":"c-1",' +
        '"eventId":"e-1","recordedAt":"2026-02-15T09:00:00.000Z","schemaVersion":1},' +
        `"hash":"${'ab'.repeat(32)}"}`,
    );
  });

  it('gives the same line whatever key order the store returned (PostgreSQL jsonb reorders keys)', () => {
    const a = eventLine(event({ amount: '1.00', nested: { b: 1, a: [{ y: 2, x: 1 }] } }));
    const b = eventLine(event({ nested: { a: [{ x: 1, y: 2 }], b: 1 }, amount: '1.00' }));
    expect(a).toBe(b);
    expect(JSON.parse(a).data).toEqual({ amount: '1.00', nested: { a: [{ x: 1, y: 2 }], b: 1 } });
  });

  it('writes header and trailer as documented', () => {
    expect(JSON.parse(headerLine('esdb', '2026-11-25T18:00:00.000Z'))).toEqual({
      kind: 'header',
      format: 'pledge-ledger/export',
      formatVersion: 1,
      exportedAt: '2026-11-25T18:00:00.000Z',
      source: 'esdb',
    });
    expect(trailerLine(30, 9)).toBe('{"kind":"trailer","events":30,"streams":9}');
  });
});
