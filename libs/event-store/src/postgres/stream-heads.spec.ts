import { newEvent } from '../conformance/conformance-support';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { serializeAppend } from '../serialized-append';
import { StreamHeads } from './stream-heads';

describe('StreamHeads', () => {
  const events = [newEvent('A'), newEvent('B')];

  it('chains an append onto the hash it remembers at the expected revision', () => {
    const heads = new StreamHeads();
    heads.remember('loan-1', 3, 'c'.repeat(64));
    const append = serializeAppend('loan-1', events, 3);
    const linked = heads.link(append);
    const first = chainHash('c'.repeat(64), 4, append.events[0].digest);
    expect(linked.link).toEqual({
      previous: 'c'.repeat(64),
      hashes: [first, chainHash(first, 5, append.events[1].digest)],
    });
  });

  it('starts a new stream at the genesis hash', () => {
    const append = serializeAppend('loan-2', events, 'no-stream');
    expect(new StreamHeads().link(append).link?.previous).toBe(GENESIS_HASH);
  });

  it('leaves the chaining to SQL for another revision, for any, and once it has forgotten', () => {
    const heads = new StreamHeads(2);
    heads.remember('loan-1', 3, 'c'.repeat(64));
    expect(heads.link(serializeAppend('loan-1', events, 2)).link).toBeUndefined();
    expect(heads.link(serializeAppend('loan-1', events, 'any')).link).toBeUndefined();
    heads.remember('loan-2', 0, 'd'.repeat(64));
    heads.remember('loan-3', 0, 'e'.repeat(64));
    expect(heads.link(serializeAppend('loan-1', events, 3)).link).toBeUndefined();
    expect(heads.link(serializeAppend('loan-3', events, 0)).link?.previous).toBe('e'.repeat(64));
  });
});
