/**
 * Group commit: callers enqueue work and get their own promise back; a single flusher takes
 * everything queued so far (up to `maxBatch`) and writes it in one transaction, so concurrent
 * callers share one disk flush instead of each waiting for their own.
 *
 * `flush` receives the batch and must settle every item itself (resolve or reject), so one
 * caller's ConcurrencyError never fails its neighbours. If `flush` throws, every item still
 * unsettled in that batch is rejected with the error.
 */
export interface BatchItem<Request, Result> {
  readonly request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
  readonly settled: boolean;
}

export class GroupCommitter<Request, Result> {
  private queue: BatchItem<Request, Result>[] = [];
  private flushing = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly flush: (batch: BatchItem<Request, Result>[]) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  submit(request: Request): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    return new Promise<Result>((resolve, reject) => {
      let settled = false;
      this.queue.push({
        request,
        resolve: (result) => {
          if (settled) return;
          settled = true;
          resolve(result);
        },
        reject: (error) => {
          if (settled) return;
          settled = true;
          reject(error);
        },
        get settled() {
          return settled;
        },
      });
      if (!this.flushing) this.start();
    });
  }

  /** Stops accepting work and waits for everything queued to be written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle;
  }

  private start(): void {
    this.flushing = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    // Let the current tick's callers join the first batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.flush(batch);
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
      for (const item of batch) {
        if (!item.settled) item.reject(new Error('Group commit left an append unsettled'));
      }
    }
    this.flushing = false;
    this.markIdle();
  }
}
