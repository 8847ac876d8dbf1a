import type { BasisPoints } from '../shared/basis-points';
import type { BusinessDate } from '../shared/business-date';
import type { Fen } from '../shared/money';
import { formatMoney } from '../shared/money';
import { amountField, bpsField, dateField, positiveIntegerField, textField } from './fund-input';
import { FundInvalidInputError } from './risk-fund.errors';

/** Enterprise sizes a policy may admit (DESIGN.md: micro | small | medium). */
export const FUND_ENTERPRISE_SIZES = ['micro', 'small', 'medium'] as const;
export type FundEnterpriseSize = (typeof FUND_ENTERPRISE_SIZES)[number];

/** One band of the coverage table: loans with principal up to `upToPrincipal` (inclusive) are covered at `ratioBps`. */
export interface CoverageTier {
  readonly upToPrincipal: Fen;
  readonly ratioBps: BasisPoints;
}

/** A published policy, money in fen. The latest published version governs every new decision. */
export interface FundPolicy {
  readonly version: number;
  /** Ordered by `upToPrincipal`, strictly increasing; a principal above the last tier is not coverable. */
  readonly coverageTiers: readonly CoverageTier[];
  readonly perLoanCap: Fen;
  readonly perBankAnnualCap: Fen;
  readonly defaultThresholdDays: number;
  readonly bankSuspensionBadLoanRatioBps: BasisPoints;
  readonly eligibleEnterpriseSizes: readonly FundEnterpriseSize[];
  /** Empty: any enterprise; otherwise it must hold at least one of them. */
  readonly eligibleCertifications: readonly string[];
  readonly maxLoanPrincipal: Fen;
  /** A payout strictly above this needs two different fund managers. */
  readonly dualApprovalThreshold: Fen;
  readonly effectiveFrom: BusinessDate;
}

/** The policy as it travels in PublishFundPolicy and FundPolicyPublished: money as two-decimal strings. */
export interface FundPolicyData {
  readonly version: number;
  readonly coverageTiers: readonly { readonly upToPrincipal: string; readonly ratioBps: number }[];
  readonly perLoanCap: string;
  readonly perBankAnnualCap: string;
  readonly defaultThresholdDays: number;
  readonly bankSuspensionBadLoanRatioBps: number;
  readonly eligibleEnterpriseSizes: readonly FundEnterpriseSize[];
  readonly eligibleCertifications: readonly string[];
  readonly maxLoanPrincipal: string;
  readonly dualApprovalThreshold: string;
  readonly effectiveFrom: string;
}

/** Validates a policy field by field; throws FUND.INVALID_INPUT naming the first bad field. */
export function parseFundPolicy(data: FundPolicyData): FundPolicy {
  const coverageTiers = parseTiers(data.coverageTiers);
  return {
    version: positiveIntegerField(data.version, 'version'),
    coverageTiers,
    perLoanCap: amountField(data.perLoanCap, 'perLoanCap'),
    perBankAnnualCap: amountField(data.perBankAnnualCap, 'perBankAnnualCap'),
    defaultThresholdDays: positiveIntegerField(data.defaultThresholdDays, 'defaultThresholdDays'),
    bankSuspensionBadLoanRatioBps: bpsField(data.bankSuspensionBadLoanRatioBps, 'bankSuspensionBadLoanRatioBps'),
    eligibleEnterpriseSizes: parseSizes(data.eligibleEnterpriseSizes),
    eligibleCertifications: parseCertifications(data.eligibleCertifications),
    maxLoanPrincipal: amountField(data.maxLoanPrincipal, 'maxLoanPrincipal'),
    dualApprovalThreshold: amountField(data.dualApprovalThreshold, 'dualApprovalThreshold', { allowZero: true }),
    effectiveFrom: dateField(data.effectiveFrom, 'effectiveFrom'),
  };
}

export function fundPolicyData(policy: FundPolicy): FundPolicyData {
  return {
    version: policy.version,
    coverageTiers: policy.coverageTiers.map((tier) => ({
      upToPrincipal: formatMoney(tier.upToPrincipal),
      ratioBps: tier.ratioBps,
    })),
    perLoanCap: formatMoney(policy.perLoanCap),
    perBankAnnualCap: formatMoney(policy.perBankAnnualCap),
    defaultThresholdDays: policy.defaultThresholdDays,
    bankSuspensionBadLoanRatioBps: policy.bankSuspensionBadLoanRatioBps,
    eligibleEnterpriseSizes: [...policy.eligibleEnterpriseSizes],
    eligibleCertifications: [...policy.eligibleCertifications],
    maxLoanPrincipal: formatMoney(policy.maxLoanPrincipal),
    dualApprovalThreshold: formatMoney(policy.dualApprovalThreshold),
    effectiveFrom: policy.effectiveFrom,
  };
}

function parseTiers(tiers: FundPolicyData['coverageTiers']): CoverageTier[] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    throw new FundInvalidInputError('coverageTiers must list at least one tier', { field: 'coverageTiers' });
  }
  const parsed = tiers.map((tier, index) => ({
    upToPrincipal: amountField(tier.upToPrincipal, `coverageTiers[${index}].upToPrincipal`),
    ratioBps: bpsField(tier.ratioBps, `coverageTiers[${index}].ratioBps`),
  }));
  parsed.forEach((tier, index) => {
    if (index > 0 && tier.upToPrincipal <= parsed[index - 1].upToPrincipal) {
      throw new FundInvalidInputError('coverageTiers must be ordered by strictly increasing upToPrincipal', {
        field: `coverageTiers[${index}].upToPrincipal`,
      });
    }
  });
  return parsed;
}

function parseSizes(sizes: readonly string[]): FundEnterpriseSize[] {
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new FundInvalidInputError('eligibleEnterpriseSizes must list at least one size', {
      field: 'eligibleEnterpriseSizes',
    });
  }
  for (const size of sizes) {
    if (!(FUND_ENTERPRISE_SIZES as readonly string[]).includes(size)) {
      throw new FundInvalidInputError(`"${size}" is not an enterprise size (${FUND_ENTERPRISE_SIZES.join(', ')})`, {
        field: 'eligibleEnterpriseSizes',
      });
    }
  }
  return [...new Set(sizes as FundEnterpriseSize[])];
}

function parseCertifications(certifications: readonly string[]): string[] {
  if (!Array.isArray(certifications)) {
    throw new FundInvalidInputError('eligibleCertifications must be a list (empty for any)', {
      field: 'eligibleCertifications',
    });
  }
  return [...new Set(certifications.map((name) => textField(name, 'eligibleCertifications')))];
}
