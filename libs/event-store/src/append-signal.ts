/**
 * Wakes live subscribers when new events may be readable. Appends in this process call
 * `notify()`; adapters that can hear other processes (PostgreSQL LISTEN/NOTIFY) call it too.
 * Waiters also wake after `timeoutMs`, so a missed signal only delays delivery, never loses it.
 */
export class AppendSignal {
  private waiters = new Set<() => void>();
  private notifications = 0;

  /** How many times notify() was called: pass it to wait() so a notify in between is not missed. */
  get count(): number {
    return this.notifications;
  }

  notify(): void {
    this.notifications++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves at the next notify, or at once if one happened since `seenCount` was read. */
  wait(timeoutMs: number, seenCount?: number): Promise<void> {
    if (seenCount !== undefined && seenCount !== this.notifications) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
