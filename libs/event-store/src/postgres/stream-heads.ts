import type { ExpectedRevision } from '../event-store';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import type { PreparedAppend } from './postgres-append-batch';

/**
 * The hash this process last saw at some revision of each stream (after its own appends and its
 * reads), so an append with that exact expected revision can chain its events in Node instead of
 * in SQL under the append lock. Only ever a hint: an event's hash never changes once written, and
 * the batch statement still checks the stream's actual last hash under the lock and chains in SQL
 * when it differs. Bounded: forgotten wholesale when full.
 */
export class StreamHeads {
  private readonly heads = new Map<string, { readonly revision: number; readonly hash: string }>();

  constructor(private readonly capacity = 100_000) {}

  remember(streamId: string, revision: number, hash: string): void {
    if (!hash) return;
    if (this.heads.size >= this.capacity && !this.heads.has(streamId)) this.heads.clear();
    this.heads.set(streamId, { revision, hash });
  }

  /** The append with its links computed in Node when the hash at its expected revision is known. */
  link(append: PreparedAppend): PreparedAppend {
    const previous = this.previousHash(append.streamId, append.expectedRevision);
    if (previous === undefined) return append;
    const firstRevision = append.expectedRevision === 'no-stream' ? 0 : (append.expectedRevision as number) + 1;
    const hashes: string[] = [];
    let link = previous;
    append.events.forEach((event, k) => {
      link = chainHash(link, firstRevision + k, event.digest);
      hashes.push(link);
    });
    return { ...append, link: { previous, hashes } };
  }

  private previousHash(streamId: string, expected: ExpectedRevision): string | undefined {
    if (expected === 'no-stream') return GENESIS_HASH;
    if (expected === 'any') return undefined;
    const head = this.heads.get(streamId);
    return head?.revision === expected ? head.hash : undefined;
  }
}
