import { escapeLabelValue, formatValue, MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry (Prometheus text format 0.0.4)', () => {
  it('writes HELP and TYPE, then one line a series, labels in declared order', async () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter({ name: 'jobs_total', help: 'Jobs done.', labelNames: ['queue', 'result'] });
    counter.inc({ result: 'ok', queue: 'a' });
    counter.inc({ queue: 'a', result: 'ok' }, 2);
    counter.inc({ queue: 'b', result: 'failed' });

    expect(await registry.render()).toBe(
      '# HELP jobs_total Jobs done.\n' +
        '# TYPE jobs_total counter\n' +
        'jobs_total{queue="a",result="ok"} 3\n' +
        'jobs_total{queue="b",result="failed"} 1\n',
    );
  });

  it('shows an unlabelled counter or gauge at 0 before its first use, and a labelled one not at all', async () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'a_total', help: 'A.' });
    registry.gauge({ name: 'b', help: 'B.', labelNames: ['x'] });
    expect(await registry.render()).toBe(
      '# HELP a_total A.\n# TYPE a_total counter\na_total 0\n# HELP b B.\n# TYPE b gauge\n',
    );
  });

  it('renders histograms with cumulative buckets, +Inf, _sum and _count', async () => {
    const registry = new MetricsRegistry();
    const histogram = registry.histogram({
      name: 'latency_seconds',
      help: 'Latency.',
      labelNames: ['op'],
      buckets: [0.1, 0.5, 1],
    });
    for (const value of [0.05, 0.1, 0.3, 0.7, 2]) histogram.observe({ op: 'read' }, value);

    expect(await registry.render()).toBe(
      '# HELP latency_seconds Latency.\n' +
        '# TYPE latency_seconds histogram\n' +
        'latency_seconds_bucket{op="read",le="0.1"} 2\n' +
        'latency_seconds_bucket{op="read",le="0.5"} 3\n' +
        'latency_seconds_bucket{op="read",le="1"} 4\n' +
        'latency_seconds_bucket{op="read",le="+Inf"} 5\n' +
        'latency_seconds_sum{op="read"} 3.15\n' +
        'latency_seconds_count{op="read"} 5\n',
    );
  });

  it('escapes backslash, double quote and line feed in label values, backslash and line feed in HELP', async () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const registry = new MetricsRegistry();
    registry
      .gauge({ name: 'g', help: 'Line one\nback\\slash "quoted"', labelNames: ['path'] })
      .set({ path: 'C:\\x "y"\n' }, 1);
    expect(await registry.render()).toBe(
      '# HELP g Line one\\nback\\\\slash "quoted"\n# TYPE g gauge\ng{path="C:\\\\x \\"y\\"\\n"} 1\n',
    );
  });

  it('writes the special values as Prometheus reads them', () => {
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(1e-7)).toBe('1e-7');
    expect(formatValue(42)).toBe('42');
  });

  it('refuses wrong names, wrong labels, a counter going down, unordered buckets and a second metric of a name', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter({ name: 'bad-name', help: '' })).toThrow(/metric name/);
    expect(() => registry.counter({ name: 'x_total', help: '', labelNames: ['__reserved'] })).toThrow(/label name/);
    expect(() => registry.histogram({ name: 'h', help: '', labelNames: ['le'] })).toThrow(/le/);
    expect(() => registry.histogram({ name: 'h2', help: '', buckets: [1, 0.5] })).toThrow(/increasing/);
    const counter = registry.counter({ name: 'c_total', help: '', labelNames: ['a'] });
    expect(() => counter.inc({ a: 'x' }, -1)).toThrow(RangeError);
    expect(() => counter.inc({ b: 'x' })).toThrow(/labels/);
    expect(() => counter.inc({})).toThrow(/labels/);
    expect(() => registry.gauge({ name: 'c_total', help: '' })).toThrow(/already registered/);
  });

  it('runs the collectors before each render, so scrape-time gauges are current', async () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge({ name: 'lag', help: 'Lag.', labelNames: ['name'] });
    let lag = 5;
    registry.beforeRender(() => {
      gauge.reset();
      gauge.set({ name: 'p' }, lag);
    });
    expect(await registry.render()).toContain('lag{name="p"} 5\n');
    lag = 0;
    expect(await registry.render()).toContain('lag{name="p"} 0\n');
  });
});
