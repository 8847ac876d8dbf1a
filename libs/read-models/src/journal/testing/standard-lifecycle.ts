import type { Step } from './ledger-model';

/**
 * The standard lifecycle (on a LedgerModel whose fund F1 holds 10,000,000.00 of capital).
 * Loan L1: bank B1 lends 2,000,000.00 to E1 at 12 % for 12 months, bullet (20,000.00 interest a
 * month), enrolled (40 %, per-loan cap 750,000.00); 35,000.00 repaid on 2026-02-15 (20,000.00
 * interest, 15,000.00 principal); defaulted with 1,985,000.00 outstanding; the claim is paid
 * 750,000.00 (two approvals); a pledged patent sells for 500,000.00 less 20,000.00 costs, of which
 * the fund gets floor(480,000.00 x 750,000 / 1,985,000) = 181,360.20; the rest, 1,485,000.00, is
 * written off. Loan L2: B2 lends 500,000.00 to E2 for 6 months, bullet, repaid in full with a
 * month's interest (5,000.00) on 2026-02-05.
 */
export const STANDARD_LIFECYCLE: readonly Step[] = [
  { kind: 'originate', bank: 0, enterprise: 0, principalFen: 200_000_000, termMonths: 12, bullet: true, rateBps: 1200 },
  { kind: 'originate', bank: 1, enterprise: 1, principalFen: 50_000_000, termMonths: 6, bullet: true, rateBps: 1200 },
  { kind: 'enrol', loan: 0 },
  { kind: 'repay', loan: 1, part: 1000, days: 31 },
  { kind: 'repay', loan: 0, part: 0, days: 10, amountFen: 3_500_000 },
  { kind: 'default', loan: 0 },
  { kind: 'claim', loan: 0 },
  { kind: 'recover', loan: 0, part: 0, costsPart: 0, source: 0, days: 30, amountFen: 50_000_000, costsFen: 2_000_000 },
  { kind: 'writeOff', loan: 0 },
];
