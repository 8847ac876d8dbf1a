import type { BusinessDate } from '../shared/business-date';
import { compareDates } from '../shared/business-date';
import type { Fen } from '../shared/money';
import type { Repayment } from './arithmetic';

/**
 * A loan's repayments in the order they were folded, as a persistent append-only list: each
 * version is one node pointing at the version before it, so `append` costs O(1) and shares every
 * earlier node. Nothing in a node changes once it is made, so a version held by an earlier state
 * stays exactly as it was however many repayments are folded after it (or beside it: two appends
 * to the same version make two independent versions).
 *
 * Each node also carries the totals of its whole prefix, so "every repayment so far" questions
 * (principal and interest repaid, the latest value date) need no walk. `toArray` builds the plain
 * array, once per version, for callers that do need to walk.
 */
export class RepaymentLog {
  static readonly empty: RepaymentLog = new RepaymentLog(null, null, 0, 0n, 0n, null);

  private array: readonly Repayment[] | undefined;

  private constructor(
    private readonly previous: RepaymentLog | null,
    /** The repayment folded last; null when there is none. */
    readonly last: Repayment | null,
    readonly length: number,
    /** Sum of the principal of every repayment in this version. */
    readonly principalRepaid: Fen,
    /** Sum of the interest of every repayment in this version. */
    readonly interestRepaid: Fen,
    /** The latest value date of all (the last one's, when they are in value-date order); null when empty. */
    readonly latestValueDate: BusinessDate | null,
  ) {}

  static of(repayments: readonly Repayment[]): RepaymentLog {
    let log = RepaymentLog.empty;
    for (const repayment of repayments) log = log.append(repayment);
    return log;
  }

  /** A new version with `repayment` after these; this one is unchanged. */
  append(repayment: Repayment): RepaymentLog {
    const latest = this.latestValueDate;
    return new RepaymentLog(
      this,
      repayment,
      this.length + 1,
      this.principalRepaid + repayment.principal,
      this.interestRepaid + repayment.interest,
      latest === null || compareDates(repayment.valueDate, latest) > 0 ? repayment.valueDate : latest,
    );
  }

  /** The repayments, oldest first, as a frozen array: built on the first call (O(n)), then reused. */
  toArray(): readonly Repayment[] {
    if (this.array === undefined) {
      const array = new Array<Repayment>(this.length);
      if (this.last !== null) array[this.length - 1] = this.last;
      let node = this.previous;
      for (let i = this.length - 2; i >= 0 && node !== null; i--, node = node.previous) {
        array[i] = node.last as Repayment;
      }
      this.array = Object.freeze(array);
    }
    return this.array;
  }
}
