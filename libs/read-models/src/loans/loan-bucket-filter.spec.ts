import { bucketDayRange, DELINQUENCY_BUCKETS } from './loan-bucket-filter';

describe('bucket day ranges', () => {
  it('are read off the domain bucketFor: contiguous, the last one open-ended', () => {
    expect(DELINQUENCY_BUCKETS.map((bucket) => [bucket, bucketDayRange(bucket)])).toEqual([
      ['current', { min: 0, max: 0 }],
      ['1-30', { min: 1, max: 30 }],
      ['31-60', { min: 31, max: 60 }],
      ['61-90', { min: 61, max: 90 }],
      ['90+', { min: 91, max: null }],
    ]);
  });
});
