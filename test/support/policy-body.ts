/**
 * The body of `POST /v1/funds/{id}/policies` the end-to-end suites publish: one coverage tier of
 * 40 % up to 5,000,000.00, a per-loan cap of 750,000.00, 90 days to default, two managers above
 * 500,000.00. A suite that needs another figure says which (`overrides`), so what it depends on
 * stands next to it.
 */
export function policyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    coverageTiers: [{ upToPrincipal: '5000000.00', ratioBps: 4000 }],
    perLoanCap: '750000.00',
    perBankAnnualCap: '5000000.00',
    defaultThresholdDays: 90,
    bankSuspensionBadLoanRatioBps: 10000,
    eligibleEnterpriseSizes: ['micro', 'small'],
    eligibleCertifications: [],
    maxLoanPrincipal: '30000000.00',
    dualApprovalThreshold: '500000.00',
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}
