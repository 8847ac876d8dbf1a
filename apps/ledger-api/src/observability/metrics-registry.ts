/**
 * A small Prometheus registry writing the text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): counters, gauges and histograms
 * with labels. prom-client is not a dependency of the ledger; this is the part of it the ledger needs.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus's default buckets, in seconds: 5 ms to 10 s. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricOptions {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly string[];
}

export interface HistogramOptions extends MetricOptions {
  /** Upper bounds, strictly increasing; `+Inf` is always added. Default DEFAULT_BUCKETS. */
  readonly buckets?: readonly number[];
}

/** A label value in the exposition format: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed escaped (a double quote stays as it is). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value: Go's float syntax for the special values, JavaScript's shortest form otherwise. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

abstract class Metric<Series> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  protected readonly series = new Map<string, { labels: Labels; value: Series }>();

  constructor(
    options: MetricOptions,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {
    if (!METRIC_NAME.test(options.name)) throw new Error(`Not a metric name: "${options.name}"`);
    const labelNames = options.labelNames ?? [];
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`Not a label name: "${label}"`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`${options.name} names a label twice`);
    this.name = options.name;
    this.help = options.help;
    this.labelNames = labelNames;
  }

  /** Forgets every series (a scrape-time gauge set afresh on each scrape). */
  reset(): void {
    this.series.clear();
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.series.values()) lines.push(...this.samples(labels, value));
    return lines.map((line) => `${line}\n`).join('');
  }

  protected abstract samples(labels: Labels, value: Series): string[];

  /** The series of exactly the declared labels, created with `initial` on first use. */
  protected seriesFor(labels: Labels, initial: () => Series): { labels: Labels; value: Series } {
    const given = Object.keys(labels);
    const unknown = given.filter((label) => !this.labelNames.includes(label));
    const missing = this.labelNames.filter((label) => !(label in labels));
    if (unknown.length > 0 || missing.length > 0) {
      throw new Error(`${this.name} takes the labels [${this.labelNames.join(', ')}]; got [${given.join(', ')}]`);
    }
    const ordered: Record<string, string> = {};
    for (const label of this.labelNames) ordered[label] = String(labels[label]);
    const key = JSON.stringify(this.labelNames.map((label) => ordered[label]));
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: ordered, value: initial() };
      this.series.set(key, entry);
    }
    return entry;
  }
}

function sample(name: string, labels: Labels, value: number, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([label, text]) => `${label}="${escapeLabelValue(text)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return `${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`;
}

/** Only goes up. An unlabelled counter shows 0 before its first increment. */
export class Counter extends Metric<{ value: number }> {
  constructor(options: MetricOptions) {
    super(options, 'counter');
    if (this.labelNames.length === 0) this.seriesFor({}, () => ({ value: 0 }));
  }

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0) || !Number.isFinite(by))
      throw new RangeError(`${this.name}: a counter goes up by a finite amount >= 0, not ${by}`);
    this.seriesFor(labels, () => ({ value: 0 })).value.value += by;
  }

  get(labels: Labels = {}): number {
    return this.seriesFor(labels, () => ({ value: 0 })).value.value;
  }

  protected samples(labels: Labels, value: { value: number }): string[] {
    return [sample(this.name, labels, value.value)];
  }
}

/** Goes up and down; set at scrape time by the collectors. */
export class Gauge extends Metric<{ value: number }> {
  constructor(options: MetricOptions) {
    super(options, 'gauge');
    if (this.labelNames.length === 0) this.seriesFor({}, () => ({ value: 0 }));
  }

  set(labels: Labels, value: number): void {
    this.seriesFor(labels, () => ({ value: 0 })).value.value = value;
  }

  protected samples(labels: Labels, value: { value: number }): string[] {
    return [sample(this.name, labels, value.value)];
  }
}

interface HistogramSeries {
  /** Per bucket, the observations that fell in it (not cumulative: summed when rendered). */
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Observations in cumulative buckets `le`, plus `_sum` and `_count`. */
export class Histogram extends Metric<HistogramSeries> {
  readonly buckets: readonly number[];

  constructor(options: HistogramOptions) {
    super(options, 'histogram');
    if (this.labelNames.includes('le')) throw new Error(`${options.name}: "le" is the histogram's own label`);
    const buckets = [...(options.buckets ?? DEFAULT_BUCKETS)].filter((bound) => bound !== Infinity);
    if (buckets.some((bound) => !Number.isFinite(bound))) throw new Error(`${options.name}: buckets must be numbers`);
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i] > buckets[i - 1])) throw new Error(`${options.name}: buckets must be strictly increasing`);
    }
    this.buckets = buckets;
    if (this.labelNames.length === 0) this.seriesFor({}, () => this.empty());
  }

  observe(labels: Labels, value: number): void {
    if (Number.isNaN(value)) throw new RangeError(`${this.name}: cannot observe NaN`);
    const series = this.seriesFor(labels, () => this.empty()).value;
    const index = this.buckets.findIndex((bound) => value <= bound);
    series.counts[index === -1 ? this.buckets.length : index] += 1;
    series.sum += value;
    series.count += 1;
  }

  private empty(): HistogramSeries {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  protected samples(labels: Labels, series: HistogramSeries): string[] {
    const lines: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((bound, i) => {
      cumulative += series.counts[i];
      lines.push(sample(`${this.name}_bucket`, labels, cumulative, ['le', formatValue(bound)]));
    });
    lines.push(sample(`${this.name}_bucket`, labels, series.count, ['le', '+Inf']));
    lines.push(sample(`${this.name}_sum`, labels, series.sum));
    lines.push(sample(`${this.name}_count`, labels, series.count));
    return lines;
  }
}

/** Run before each scrape: sets gauges from the current state (bounded work, it runs on every scrape). */
export type Collector = () => Promise<void> | void;

export class MetricsRegistry {
  private readonly metrics = new Map<string, Counter | Gauge | Histogram>();
  private readonly collectors: Collector[] = [];

  counter(options: MetricOptions): Counter {
    return this.add(new Counter(options));
  }

  gauge(options: MetricOptions): Gauge {
    return this.add(new Gauge(options));
  }

  histogram(options: HistogramOptions): Histogram {
    return this.add(new Histogram(options));
  }

  /** `collect` runs at the start of every `render`, in the order added. */
  beforeRender(collect: Collector): void {
    this.collectors.push(collect);
  }

  /** Every metric in the text format, in the order they were registered. A failing collector fails the render. */
  async render(): Promise<string> {
    for (const collect of this.collectors) await collect();
    return [...this.metrics.values()].map((metric) => metric.render()).join('');
  }

  private add<M extends Counter | Gauge | Histogram>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`A metric named ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
