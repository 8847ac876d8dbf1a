import type { TokenRole } from '../../../apps/ledger-api/src/http';

/** Synthetic numbers with valid check characters (the domain's specs use them too). */
export const CREDIT_CODES = { enterprise: '91350100M000100Y43', bank: '91440300708461136T' } as const;
export const PATENT_NUMBERS = ['202110345678.3', '202210567890.9'] as const;

export const ROLES: readonly TokenRole[] = ['admin', 'bank', 'enterprise', 'fund-manager', 'auditor'];

/** Every POST of the contract: who may call it and a body that passes validation. */
export interface CommandRoute {
  readonly path: string;
  readonly roles: readonly TokenRole[];
  readonly body: Record<string, unknown>;
  /** Fields that may be left out. */
  readonly optional?: readonly string[];
  /** Money fields: negative, over-precise and numeric amounts are refused. */
  readonly money?: readonly string[];
  /** Extra malformed bodies for this route, each with the field(s) a 400 must name. */
  readonly cases?: readonly {
    readonly name: string;
    readonly body: Record<string, unknown>;
    readonly fields: string[];
  }[];
}

const policy = {
  version: 1,
  coverageTiers: [
    { upToPrincipal: '5000000.00', ratioBps: 4000 },
    { upToPrincipal: '15000000.00', ratioBps: 3000 },
  ],
  perLoanCap: '750000.00',
  perBankAnnualCap: '5000000.00',
  defaultThresholdDays: 90,
  bankSuspensionBadLoanRatioBps: 5000,
  eligibleEnterpriseSizes: ['micro', 'small'],
  eligibleCertifications: [],
  maxLoanPrincipal: '30000000.00',
  dualApprovalThreshold: '500000.00',
  effectiveFrom: '2026-01-01',
};

const origination = {
  enterpriseId: 'ent-x',
  principal: '2000000.00',
  annualRateBps: 1200,
  termMonths: 12,
  repaymentMethod: 'bullet',
  originationDate: '2026-01-10',
  pledges: [{ assetId: 'patent-x', registrationNumber: 'Y2026-1', consentingOwnerIds: [] }],
};

const ipAsset = {
  ipAssetId: 'patent-x',
  kind: 'invention-patent',
  number: PATENT_NUMBERS[0],
  title: 'Tunable laser diode array',
  ownerEnterpriseIds: ['ent-x'],
  grantDate: '2023-05-10',
  expiryDate: '2041-03-01',
};

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  {
    path: '/v1/banks',
    roles: ['admin'],
    body: { bankId: 'bank-x', name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
    optional: ['bankId'],
    cases: [
      { name: 'an invalid credit code', body: { creditCode: '91440300708461136U' }, fields: ['creditCode'] },
      { name: 'a bad id', body: { bankId: 'no spaces please' }, fields: ['bankId'] },
    ],
  },
  {
    path: '/v1/enterprises',
    roles: ['admin'],
    body: {
      enterpriseId: 'ent-x',
      name: 'Minjiang Photonics',
      creditCode: CREDIT_CODES.enterprise,
      region: 'Fujian/Fuzhou',
      size: 'small',
    },
    optional: ['enterpriseId'],
    cases: [
      { name: 'an invalid credit code', body: { creditCode: '91350100M000100Y44' }, fields: ['creditCode'] },
      { name: 'a credit code too short', body: { creditCode: '9135010' }, fields: ['creditCode'] },
      { name: 'an unknown size', body: { size: 'huge' }, fields: ['size'] },
      { name: 'an oversized name', body: { name: 'x'.repeat(201) }, fields: ['name'] },
    ],
  },
  {
    path: '/v1/enterprises/ent-x/certifications',
    roles: ['admin'],
    body: { certification: 'high-tech', grantDate: '2025-12-01', expiryDate: '2028-11-30' },
    optional: ['expiryDate'],
    cases: [
      { name: 'an unknown certification', body: { certification: 'famous' }, fields: ['certification'] },
      { name: 'a date that does not exist', body: { grantDate: '2025-02-30' }, fields: ['grantDate'] },
    ],
  },
  {
    path: '/v1/enterprises/ent-x/certification-revocations',
    roles: ['admin'],
    body: { certification: 'high-tech', revocationDate: '2026-06-30', reason: 'Annual review failed' },
    cases: [{ name: 'an empty reason', body: { reason: '' }, fields: ['reason'] }],
  },
  {
    path: '/v1/enterprises/ent-x/contact-erasures',
    roles: ['admin'],
    body: { reason: 'subject-request' },
    cases: [{ name: 'a reason in free text', body: { reason: 'she asked by phone' }, fields: ['reason'] }],
  },
  {
    path: '/v1/ip-assets',
    roles: ['admin'],
    body: ipAsset,
    optional: ['ipAssetId'],
    cases: [
      { name: 'an invalid patent number', body: { number: '202110345678.4' }, fields: ['number'] },
      { name: 'a patent number that is not one', body: { number: 'ABC' }, fields: ['number'] },
      { name: 'no owners', body: { ownerEnterpriseIds: [] }, fields: ['ownerEnterpriseIds'] },
      { name: 'an unknown kind', body: { kind: 'copyright' }, fields: ['kind'] },
    ],
  },
  {
    path: '/v1/ip-assets/patent-x/valuations',
    roles: ['admin'],
    body: { appraiser: 'Fujian Zhongxin Appraisal', value: '1500000.00', valuationDate: '2026-01-05' },
    money: ['value'],
    cases: [{ name: 'a zero value', body: { value: '0.00' }, fields: ['value'] }],
  },
  {
    path: '/v1/ip-assets/patent-x/legal-status',
    roles: ['admin'],
    body: { event: 'invalidation-resolved', date: '2026-03-01', caseNumber: '4W112233', outcome: 'upheld' },
    cases: [
      { name: 'an unknown event', body: { event: 'expired' }, fields: ['event'] },
      { name: 'an invalidation without its case', body: { caseNumber: undefined }, fields: ['caseNumber'] },
      { name: 'a resolution without its outcome', body: { outcome: undefined }, fields: ['outcome'] },
      {
        name: 'a case number on an annual fee',
        body: { event: 'annual-fee-paid', outcome: undefined },
        fields: ['caseNumber'],
      },
      { name: 'an outcome on a filing', body: { event: 'invalidation-filed' }, fields: ['outcome'] },
    ],
  },
  {
    path: '/v1/loans',
    roles: ['bank'],
    body: origination,
    money: ['principal'],
    cases: [
      { name: 'no pledges', body: { pledges: [] }, fields: ['pledges'] },
      {
        name: 'a pledge without its asset',
        body: { pledges: [{ registrationNumber: 'Y1', consentingOwnerIds: [] }] },
        fields: ['pledges.0.assetId'],
      },
      {
        name: 'an unknown field in a pledge',
        body: { pledges: [{ ...origination.pledges[0], owner: 'me' }] },
        fields: ['pledges.0.owner'],
      },
      { name: 'a fractional rate', body: { annualRateBps: 12.5 }, fields: ['annualRateBps'] },
      { name: 'a zero term', body: { termMonths: 0 }, fields: ['termMonths'] },
      { name: 'an unknown repayment method', body: { repaymentMethod: 'balloon' }, fields: ['repaymentMethod'] },
      { name: 'a bank id in the body', body: { bankId: 'other-bank' }, fields: ['bankId'] },
      // The server names every loan (issue 5: a client-chosen id would reveal other banks' loans).
      { name: 'a loan id in the body', body: { loanId: 'loan-mine' }, fields: ['loanId'] },
    ],
  },
  { path: '/v1/loans/loan-x/disbursements', roles: ['bank'], body: { valueDate: '2026-01-15' } },
  {
    path: '/v1/loans/loan-x/repayments',
    roles: ['bank'],
    body: { amount: '35000.00', valueDate: '2026-02-15' },
    money: ['amount'],
    cases: [{ name: 'a zero amount', body: { amount: '0' }, fields: ['amount'] }],
  },
  { path: '/v1/loans/loan-x/delinquency-assessments', roles: ['bank'], body: { asOf: '2026-06-14' } },
  { path: '/v1/loans/loan-x/default', roles: ['bank'], body: { asOf: '2026-06-14' } },
  {
    path: '/v1/loans/loan-x/recoveries',
    roles: ['bank'],
    body: {
      amount: '300000.00',
      source: 'pledge-enforcement',
      valueDate: '2026-09-01',
      assetId: 'patent-x',
      costs: '0.00',
    },
    optional: ['assetId', 'costs'],
    money: ['amount', 'costs'],
    cases: [{ name: 'an unknown source', body: { source: 'lottery' }, fields: ['source'] }],
  },
  { path: '/v1/loans/loan-x/write-off', roles: ['bank'], body: { valueDate: '2026-12-31' } },
  {
    path: '/v1/funds',
    roles: ['fund-manager'],
    body: { fundId: 'fund-x', name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' },
    optional: ['fundId'],
  },
  {
    path: '/v1/funds/fund-x/contributions',
    roles: ['fund-manager'],
    body: { contributor: 'Fujian provincial finance department', amount: '10000000.00', valueDate: '2026-01-02' },
    money: ['amount'],
  },
  {
    path: '/v1/funds/fund-x/policies',
    roles: ['fund-manager'],
    body: policy,
    money: ['perLoanCap', 'perBankAnnualCap', 'maxLoanPrincipal', 'dualApprovalThreshold'],
    cases: [
      { name: 'no tiers', body: { coverageTiers: [] }, fields: ['coverageTiers'] },
      {
        name: 'an over-precise tier',
        body: { coverageTiers: [{ upToPrincipal: '5000000.001', ratioBps: 4000 }] },
        fields: ['coverageTiers.0.upToPrincipal'],
      },
      {
        name: 'a ratio above 100 %',
        body: { coverageTiers: [{ upToPrincipal: '5000000.00', ratioBps: 10001 }] },
        fields: ['coverageTiers.0.ratioBps'],
      },
      { name: 'an unknown size', body: { eligibleEnterpriseSizes: ['giant'] }, fields: ['eligibleEnterpriseSizes'] },
      { name: 'a version zero', body: { version: 0 }, fields: ['version'] },
    ],
  },
  {
    path: '/v1/funds/fund-x/banks',
    roles: ['fund-manager'],
    body: { bankId: 'bank-x', admittedOn: '2026-01-03' },
  },
  {
    path: '/v1/funds/fund-x/banks/bank-x/suspension',
    roles: ['fund-manager'],
    body: { reason: 'Reporting overdue', suspendedOn: '2026-03-01' },
  },
  {
    path: '/v1/funds/fund-x/banks/bank-x/reinstatement',
    roles: ['fund-manager'],
    body: { reason: 'Reports filed', reinstatedOn: '2026-04-01' },
  },
  {
    path: '/v1/funds/fund-x/enrolments',
    roles: ['fund-manager'],
    body: { loanId: 'loan-x', enrolledOn: '2026-01-20' },
  },
  { path: '/v1/claims', roles: ['bank'], body: { loanId: 'loan-x', filedOn: '2026-06-20' } },
  { path: '/v1/claims/loan-x/approvals', roles: ['fund-manager'], body: { approvedOn: '2026-06-25' } },
  {
    path: '/v1/claims/loan-x/rejections',
    roles: ['fund-manager'],
    body: { reason: 'Default not documented', rejectedOn: '2026-06-25' },
  },
  { path: '/v1/claims/loan-x/payouts', roles: ['fund-manager'], body: { valueDate: '2026-06-26' } },
];
