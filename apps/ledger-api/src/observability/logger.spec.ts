import type { DestinationStream } from 'pino';
import { createLogger, PinoNestLogger, redactUrl } from './logger';

function capture(): { stream: DestinationStream; entries: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  return {
    stream: { write: (line: string) => void lines.push(line) },
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the JSON logger', () => {
  it('writes one JSON object a line with the level as a word, an ISO time and the service', () => {
    const out = capture();
    createLogger('info', out.stream).info({ correlationId: 'c-1' }, 'request');
    expect(out.entries()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        service: 'ledger-api',
        correlationId: 'c-1',
        msg: 'request',
      },
    ]);
  });

  it('respects the level, silent included', () => {
    const out = capture();
    createLogger('warn', out.stream).info('hidden');
    createLogger('silent', out.stream).error('hidden too');
    expect(out.entries()).toEqual([]);
  });

  it('drops credentials, headers, bodies and names whoever passes them', () => {
    const out = capture();
    createLogger('info', out.stream).info(
      {
        authorization: 'Bearer x',
        headers: { a: 1 },
        body: { name: 'Alice' },
        req: { authorization: 'y', token: 'z' },
        sub: 's',
      },
      'careless',
    );
    const [entry] = out.entries();
    expect(entry).toMatchObject({ sub: 's', req: {} });
    expect(JSON.stringify(entry)).not.toMatch(/Bearer|Alice|"y"|"z"/);
  });

  it("drops a contact person's details whoever passes them", () => {
    const out = capture();
    createLogger('info', out.stream).info(
      {
        contact: { name: 'Lin Wei', phone: '+86 591 8800 1234', email: 'lin@example.cn' },
        data: { phone: '+86 138 0000 0000', email: 'wei@example.cn' },
        sub: 's',
      },
      'careless',
    );
    expect(JSON.stringify(out.entries())).not.toMatch(/Lin Wei|8800|0000|example\.cn/);
  });

  it("carries Nest's messages with their context and an error's stack", () => {
    const out = capture();
    const nest = new PinoNestLogger(createLogger('debug', out.stream));
    nest.log('Mapped {/metrics, GET} route', 'RouterExplorer');
    nest.error('GET /x failed', 'Error: boom\n    at somewhere', 'HTTP');
    nest.verbose('not at debug', 'Ctx');
    expect(out.entries()).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/metrics, GET} route' }),
      expect.objectContaining({
        level: 'error',
        context: 'HTTP',
        stack: 'Error: boom\n    at somewhere',
        msg: 'GET /x failed',
      }),
    ]);
  });

  it('writes store URLs without user or password', () => {
    expect(redactUrl('postgres://ledger:s3cret@db:5432/ledger')).toBe('postgres://db:5432/ledger');
    expect(redactUrl('esdb://admin:changeit@kurrent:2113?tls=false')).toBe('esdb://kurrent:2113');
    expect(redactUrl('sqlite:/data/events.sqlite')).toBe('sqlite:/data/events.sqlite');
  });
});
