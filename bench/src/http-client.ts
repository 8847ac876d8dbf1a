import * as http from 'node:http';
import { nowMs } from './measure';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/**
 * A JSON client over one keep-alive agent (node:http, no dependency): at most `maxSockets`
 * connections to the API, reused across requests, as a load generator should.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    token: string | null,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const began = nowMs();
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, method, path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: nowMs() - began,
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** A request that must answer one of `expected`; anything else stops the benchmark with the answer. */
  async expect(
    expected: readonly number[],
    method: 'GET' | 'POST',
    path: string,
    token: string | null,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<HttpAnswer> {
    const answer = await this.request(method, path, token, body, idempotencyKey);
    if (!expected.includes(answer.status))
      throw new Error(`${method} ${path} answered ${answer.status}, expected ${expected.join('/')}: ${answer.body}`);
    return answer;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}
