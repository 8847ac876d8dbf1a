/** RSS and V8 heap sampled on a timer; the peaks, and the RSS when a run passes given fractions of its work. */
export class MemorySampler {
  peakRssMiB = 0;
  peakHeapMiB = 0;
  samples = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 100): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  /** Starts a new peak (e.g. per projection), keeping nothing of the previous one. */
  resetPeaks(): void {
    this.peakRssMiB = 0;
    this.peakHeapMiB = 0;
    this.sample();
  }

  sample(): { rssMiB: number; heapMiB: number } {
    const usage = process.memoryUsage();
    const rssMiB = usage.rss / 2 ** 20;
    const heapMiB = usage.heapUsed / 2 ** 20;
    this.peakRssMiB = Math.max(this.peakRssMiB, rssMiB);
    this.peakHeapMiB = Math.max(this.peakHeapMiB, heapMiB);
    this.samples += 1;
    return { rssMiB, heapMiB };
  }
}
