/**
 * Group commit: callers enqueue work and get their own promise back; a flusher takes everything
 * queued so far (up to `maxBatch`) and writes it in one transaction, so concurrent callers share
 * one disk flush instead of each waiting for their own.
 *
 * `flush` receives the batch and must settle every item itself (resolve or reject), so one
 * caller's ConcurrencyError never fails its neighbours. If `flush` throws, every item still
 * unsettled in that batch is rejected with the error.
 *
 * Pipelining: by default the next batch is taken only once the previous flush has finished. A
 * flush may call `mayStartNext()` earlier (the PostgreSQL adapter does so once its transaction
 * holds the append lock): the next batch is then taken at once and sent, and it waits for that
 * lock inside the database while the previous transaction commits. Because it is sent only after
 * the previous batch holds the lock, batches still take the lock in the order they were formed.
 */
export interface BatchItem<Request, Result> {
  readonly request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
  readonly settled: boolean;
}

export type Flush<Request, Result> = (batch: BatchItem<Request, Result>[], mayStartNext: () => void) => Promise<void>;

export class GroupCommitter<Request, Result> {
  private queue: BatchItem<Request, Result>[] = [];
  private draining = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly flush: Flush<Request, Result>,
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
      if (!this.draining) this.start();
    });
  }

  /** Stops accepting work and waits for everything queued to be written. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining || this.inFlight.size > 0) {
      await Promise.all([...this.inFlight, new Promise((resolve) => setImmediate(resolve))]);
    }
  }

  private start(): void {
    this.draining = true;
    // Let the current tick's callers join the first batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let startNext: () => void = () => undefined;
      const mayStartNext = new Promise<void>((resolve) => (startNext = resolve));
      const flushed = this.flushBatch(batch, startNext).finally(() => {
        startNext();
        this.inFlight.delete(flushed);
      });
      this.inFlight.add(flushed);
      await mayStartNext;
    }
    this.draining = false;
  }

  private async flushBatch(batch: BatchItem<Request, Result>[], mayStartNext: () => void): Promise<void> {
    try {
      await this.flush(batch, mayStartNext);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
    for (const item of batch) {
      if (!item.settled) item.reject(new Error('Group commit left an append unsettled'));
    }
  }
}
