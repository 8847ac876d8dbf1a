/**
 * Wakes live subscribers when new events may be readable. Appends in this process call
 * `notify()`; adapters that can hear other processes (PostgreSQL LISTEN/NOTIFY) call it too.
 * Waiters also wake after `timeoutMs`, so a missed signal only delays delivery, never loses it.
 */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(timeoutMs: number): Promise<void> {
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
