import { describe, it, expect } from 'vitest';
import { Counter, Histogram } from './metrics';

describe('Prometheus exposition', () => {
  it('renders counters with escaped labels', () => {
    const c = new Counter('x_total', 'help');
    c.inc({ route: '/a"b' });
    c.inc({ route: '/a"b' }, 2);
    expect(c.render()).toBe('# HELP x_total help\n# TYPE x_total counter\nx_total{route="/a\\"b"} 3');
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const h = new Histogram('lat_seconds', 'help', [0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(2);
    expect(h.render().split('\n').slice(2)).toEqual([
      'lat_seconds_bucket{le="0.1"} 1',
      'lat_seconds_bucket{le="1"} 2',
      'lat_seconds_bucket{le="+Inf"} 3',
      'lat_seconds_sum 2.55',
      'lat_seconds_count 3',
    ]);
  });
});
