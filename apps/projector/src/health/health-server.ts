import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkReadiness, type ReadinessSubjects } from '@pledge-ledger/read-models';

/**
 * The projector's probes, on a small HTTP listener of its own (it serves nothing else): the same
 * answers as the API's. GET /health/live is 200 while the process runs; GET /health/ready (and
 * /health) is 200 when the event store and the read store answer and every projection runs, else
 * 503 naming the failed check. Everything else is 404.
 */
export async function startHealthServer(
  subjects: ReadinessSubjects,
  port: number,
  host: string,
): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return send(405, { error: 'only GET' });
    if (path === '/health/live') return send(200, { status: 'ok' });
    if (path === '/health/ready' || path === '/health') {
      checkReadiness(subjects).then(
        (report) => send(report.status === 'ok' ? 200 : 503, report),
        (error: unknown) => send(503, { status: 'unavailable', error: String(error) }),
      );
      return;
    }
    send(404, { error: `no route ${path}` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
