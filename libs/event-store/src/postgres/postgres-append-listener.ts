import { Client } from 'pg';
import type { AppendSignal } from '../append-signal';

/**
 * Hears appends committed by other processes (LISTEN on the schema's channel) and wakes this
 * process's subscribers. Uses its own connection, outside the pool, because LISTEN lasts for the
 * session. If the connection drops it reconnects; meanwhile subscribers still poll, so a lost
 * notification only delays delivery.
 */
export class PostgresAppendListener {
  private client: Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  private constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly signal: AppendSignal,
    private readonly reconnectMs: number,
  ) {}

  static async start(
    connectionString: string,
    channel: string,
    signal: AppendSignal,
    reconnectMs = 1000,
  ): Promise<PostgresAppendListener> {
    const listener = new PostgresAppendListener(connectionString, channel, signal, reconnectMs);
    await listener.connect();
    return listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.signal.notify();
    });
    client.on('error', () => this.reconnectLater(client));
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) await client.end();
    else this.client = client;
  }

  private reconnectLater(failed: Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = null;
    failed.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      // Events committed while disconnected are found by the subscribers' next poll.
      this.connect().catch(() => this.scheduleRetry());
    }, this.reconnectMs);
  }
}
