import {
  RECOVERY_SOURCES,
  RepaymentLog,
  repaymentLogOf,
  servicingOf,
  type DefaultRecord,
  type DelinquencyAssessment,
  type DelinquencyBucket,
  type Disbursement,
  type FundCoverage,
  type Instalment,
  type LoanState,
  type LoanTerms,
  type Recoveries,
  type RepaymentMethod,
  type Servicing,
} from '@pledge-ledger/domain';
import type { JsonValue } from '@pledge-ledger/event-store';
import { SnapshotDecodeError, type SnapshotCodec } from './snapshot-codec';
import { array, fen, integer, nullable, object, oneOf, string, stringArray } from './snapshot-json';

/*
 * LoanState as JSON. Money is fen as a digit string; the repayments, the one part that grows with
 * the stream, are written as three columns (value dates, principal, interest) rather than 10,000
 * small objects (see encodeServicing). Pledges and refusals are kept as the events
 * carried them (evolve stores them as they are). Keys are produced in the order evolveLoan produces
 * them, so a restored state is the folded one down to JSON.stringify.
 */

const BUCKETS: Record<DelinquencyBucket, true> = {
  current: true,
  '1-30': true,
  '31-60': true,
  '61-90': true,
  '90+': true,
};
const METHODS: Record<RepaymentMethod, true> = { 'equal-instalments': true, bullet: true };
const STATUSES: Record<LoanState['status'], true> = {
  none: true,
  originated: true,
  'pledges-refused': true,
  'pledges-secured': true,
  active: true,
  repaid: true,
  defaulted: true,
  'written-off': true,
};

const money = (value: bigint): string => value.toString();

function encodeTerms(terms: LoanTerms): JsonValue {
  return { ...terms, principal: money(terms.principal), pledgedAssetIds: [...terms.pledgedAssetIds] };
}

function decodeTerms(json: unknown): LoanTerms {
  const t = object(json, 'terms');
  return {
    loanId: string(t.loanId, 'terms.loanId'),
    bankId: string(t.bankId, 'terms.bankId'),
    enterpriseId: string(t.enterpriseId, 'terms.enterpriseId'),
    principal: fen(t.principal, 'terms.principal'),
    annualRateBps: integer(t.annualRateBps, 'terms.annualRateBps'),
    termMonths: integer(t.termMonths, 'terms.termMonths'),
    repaymentMethod: oneOf(t.repaymentMethod, Object.keys(METHODS) as RepaymentMethod[], 'terms.repaymentMethod'),
    originationDate: string(t.originationDate, 'terms.originationDate'),
    plannedMaturityDate: string(t.plannedMaturityDate, 'terms.plannedMaturityDate'),
    pledgedAssetIds: stringArray(t.pledgedAssetIds, 'terms.pledgedAssetIds'),
  };
}

function encodeCoverage(coverage: FundCoverage | null): JsonValue {
  return coverage && { ...coverage, coveredPrincipal: money(coverage.coveredPrincipal) };
}

function decodeCoverage(json: unknown): FundCoverage {
  const c = object(json, 'coverage');
  return {
    fundId: string(c.fundId, 'coverage.fundId'),
    coverageRatioBps: integer(c.coverageRatioBps, 'coverage.coverageRatioBps'),
    coveredPrincipal: fen(c.coveredPrincipal, 'coverage.coveredPrincipal'),
    policyVersion: integer(c.policyVersion, 'coverage.policyVersion'),
    defaultThresholdDays: integer(c.defaultThresholdDays, 'coverage.defaultThresholdDays'),
  };
}

/** Event data kept verbatim in the state: checked to be a list of objects with the fields evolve's readers use. */
function verbatimList<T>(json: unknown, path: string, fields: readonly string[]): T[] {
  return array(json, path).map((item, i) => {
    const record = object(item, `${path}[${i}]`);
    for (const field of fields) if (!(field in record)) object(undefined, `${path}[${i}].${field}`);
    return record as T;
  });
}

function encodeDisbursement(d: Disbursement): JsonValue {
  return {
    valueDate: d.valueDate,
    maturityDate: d.maturityDate,
    schedule: d.schedule.map((i) => [i.number, i.dueDate, money(i.principal), money(i.interest)]),
  };
}

function decodeDisbursement(json: unknown): Disbursement {
  const d = object(json, 'disbursement');
  return {
    valueDate: string(d.valueDate, 'disbursement.valueDate'),
    maturityDate: string(d.maturityDate, 'disbursement.maturityDate'),
    schedule: array(d.schedule, 'disbursement.schedule').map((row, i): Instalment => {
      const path = `disbursement.schedule[${i}]`;
      const [number, dueDate, principal, interest] = array(row, path);
      return {
        number: integer(number, `${path}[0]`),
        dueDate: string(dueDate, `${path}[1]`),
        principal: fen(principal, `${path}[2]`),
        interest: fen(interest, `${path}[3]`),
      };
    }),
  };
}

function encodeAssessment(a: DelinquencyAssessment | null): JsonValue {
  return a && { ...a, principalDue: money(a.principalDue), interestDue: money(a.interestDue) };
}

function decodeAssessment(json: unknown): DelinquencyAssessment {
  const a = object(json, 'lastAssessment');
  return {
    asOf: string(a.asOf, 'lastAssessment.asOf'),
    daysPastDue: integer(a.daysPastDue, 'lastAssessment.daysPastDue'),
    bucket: oneOf(a.bucket, Object.keys(BUCKETS) as DelinquencyBucket[], 'lastAssessment.bucket'),
    principalDue: fen(a.principalDue, 'lastAssessment.principalDue'),
    interestDue: fen(a.interestDue, 'lastAssessment.interestDue'),
  };
}

/*
 * The repayments are the one part of a loan's state that grows with the stream (10,000 of them and
 * more). Written as three columns, each one comma-separated string (value dates, principal fen,
 * interest fen), they parse as three strings instead of 30,000 JSON values, and each column is
 * checked by one regular expression: restoring 10,000 repayments took 11 ms as arrays of strings,
 * about a third of that as columns (bench/ B3, docs/benchmarks.md).
 */
const DATES = /^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/;
const FENS = /^-?(0|[1-9]\d*)(,-?(0|[1-9]\d*))*$/;

function column(value: unknown, path: string, pattern: RegExp): string[] {
  const text = string(value, path);
  if (text === '') return [];
  if (!pattern.test(text)) throw new SnapshotDecodeError(`${path}: not a column this codec wrote`);
  return text.split(',');
}

/** A fen the column pattern passed: up to 15 digits is exact as a Number, and BigInt(number) is about 2.5 times as fast. */
function columnFen(digits: string): bigint {
  return digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
}

function encodeServicing(servicing: Servicing): JsonValue {
  const repayments = repaymentLogOf(servicing).toArray();
  return {
    valueDates: repayments.map((r) => r.valueDate).join(','),
    principal: repayments.map((r) => money(r.principal)).join(','),
    interest: repayments.map((r) => money(r.interest)).join(','),
    principalRepaid: money(servicing.principalRepaid),
    interestRepaid: money(servicing.interestRepaid),
    lastAssessment: encodeAssessment(servicing.lastAssessment),
  };
}

function decodeServicing(json: unknown): Servicing {
  const s = object(json, 'servicing');
  const valueDates = column(s.valueDates, 'servicing.valueDates', DATES);
  const principal = column(s.principal, 'servicing.principal', FENS);
  const interest = column(s.interest, 'servicing.interest', FENS);
  if (principal.length !== valueDates.length || interest.length !== valueDates.length) {
    throw new SnapshotDecodeError('servicing: the repayment columns differ in length');
  }
  let log = RepaymentLog.empty;
  for (let i = 0; i < valueDates.length; i++) {
    log = log.append({
      valueDate: valueDates[i],
      principal: columnFen(principal[i]),
      interest: columnFen(interest[i]),
    });
  }
  const principalRepaid = fen(s.principalRepaid, 'servicing.principalRepaid');
  const interestRepaid = fen(s.interestRepaid, 'servicing.interestRepaid');
  // evolve keeps these equal to the log's totals; a snapshot where they differ was not written by it.
  if (principalRepaid !== log.principalRepaid || interestRepaid !== log.interestRepaid) {
    throw new SnapshotDecodeError('servicing: the totals are not the sums of the repayments');
  }
  return servicingOf(
    log,
    principalRepaid,
    interestRepaid,
    nullable(s.lastAssessment, 'lastAssessment', decodeAssessment),
  );
}

function decodeDefault(json: unknown): DefaultRecord {
  const d = object(json, 'default');
  return {
    asOf: string(d.asOf, 'default.asOf'),
    daysPastDue: integer(d.daysPastDue, 'default.daysPastDue'),
    thresholdDays: integer(d.thresholdDays, 'default.thresholdDays'),
    outstandingPrincipal: fen(d.outstandingPrincipal, 'default.outstandingPrincipal'),
  };
}

function encodeRecoveries(r: Recoveries): JsonValue {
  return {
    items: r.items.map((item) => ({ ...item, amount: money(item.amount), costs: money(item.costs) })),
    totalRecovered: money(r.totalRecovered),
  };
}

function decodeRecoveries(json: unknown): Recoveries {
  const r = object(json, 'recoveries');
  return {
    items: array(r.items, 'recoveries.items').map((item, i) => {
      const path = `recoveries.items[${i}]`;
      const x = object(item, path);
      return {
        valueDate: string(x.valueDate, `${path}.valueDate`),
        amount: fen(x.amount, `${path}.amount`),
        costs: fen(x.costs, `${path}.costs`),
        source: oneOf(x.source, RECOVERY_SOURCES, `${path}.source`),
        assetId: nullable(x.assetId, `${path}.assetId`, string),
      };
    }),
    totalRecovered: fen(r.totalRecovered, 'recoveries.totalRecovered'),
  };
}

function encodeLoan(state: LoanState): JsonValue {
  switch (state.status) {
    case 'none':
      return { status: 'none' };
    case 'originated':
      return { status: state.status, coverage: encodeCoverage(state.coverage), terms: encodeTerms(state.terms) };
    case 'pledges-refused':
      return {
        status: state.status,
        terms: encodeTerms(state.terms),
        coverage: encodeCoverage(state.coverage),
        refusals: state.refusals as unknown as JsonValue,
      };
    case 'pledges-secured':
      return {
        status: state.status,
        terms: encodeTerms(state.terms),
        coverage: encodeCoverage(state.coverage),
        pledges: state.pledges as unknown as JsonValue,
      };
    default: {
      const disbursed = {
        status: state.status,
        terms: encodeTerms(state.terms),
        coverage: encodeCoverage(state.coverage),
        pledges: state.pledges as unknown as JsonValue,
        disbursement: encodeDisbursement(state.disbursement),
        servicing: encodeServicing(state.servicing),
      };
      switch (state.status) {
        case 'active':
          return disbursed;
        case 'repaid':
          return { ...disbursed, repaidOn: state.repaidOn };
        case 'defaulted':
        case 'written-off': {
          const inDefault = {
            ...disbursed,
            default: { ...state.default, outstandingPrincipal: money(state.default.outstandingPrincipal) },
            recoveries: encodeRecoveries(state.recoveries),
          };
          return state.status === 'defaulted'
            ? inDefault
            : { ...inDefault, writeOff: { valueDate: state.writeOff.valueDate, amount: money(state.writeOff.amount) } };
        }
      }
    }
  }
}

function decodeLoan(json: unknown): LoanState {
  const s = object(json, 'state');
  const status = oneOf(s.status, Object.keys(STATUSES) as LoanState['status'][], 'status');
  if (status === 'none') return { status };
  const coverage = nullable(s.coverage, 'coverage', decodeCoverage);
  const terms = decodeTerms(s.terms);
  switch (status) {
    case 'originated':
      return { status, coverage, terms };
    case 'pledges-refused':
      return { status, terms, coverage, refusals: verbatimList(s.refusals, 'refusals', ['assetId', 'reasons']) };
    case 'pledges-secured':
      return {
        status,
        terms,
        coverage,
        pledges: verbatimList(s.pledges, 'pledges', ['assetId', 'registrationNumber', 'registeredOn']),
      };
  }
  const disbursed = {
    terms,
    coverage,
    pledges: verbatimList<never>(s.pledges, 'pledges', ['assetId', 'registrationNumber', 'registeredOn']),
    disbursement: decodeDisbursement(s.disbursement),
    servicing: decodeServicing(s.servicing),
  };
  switch (status) {
    case 'active':
      return { status, ...disbursed };
    case 'repaid':
      return { status, ...disbursed, repaidOn: string(s.repaidOn, 'repaidOn') };
    case 'defaulted':
      return { status, ...disbursed, default: decodeDefault(s.default), recoveries: decodeRecoveries(s.recoveries) };
    case 'written-off': {
      const writeOff = object(s.writeOff, 'writeOff');
      return {
        status,
        ...disbursed,
        default: decodeDefault(s.default),
        recoveries: decodeRecoveries(s.recoveries),
        writeOff: {
          valueDate: string(writeOff.valueDate, 'writeOff.valueDate'),
          amount: fen(writeOff.amount, 'writeOff.amount'),
        },
      };
    }
  }
}

/** Version 1: LoanState as of the linear fold (RepaymentLog, commit 8e4eb5c). */
export const loanSnapshotCodec: SnapshotCodec<LoanState> = {
  stateVersion: 1,
  encode: encodeLoan,
  decode: decodeLoan,
};
