import { loanStreamId } from '@pledge-ledger/domain';
import type { TokenRole } from '../../apps/ledger-api/src/http';
import { CREDIT_CODES, PATENT_NUMBERS } from '../api/support/command-routes';
import { W } from './authorization-world';
import { policyBody } from '../support/policy-body';

/**
 * Every endpoint the application serves, who may call it, and the resources it is called on.
 * A variant is one resource: `own` (the caller's: bank-1's loan for bank-1, ent-1's dashboard for
 * ent-1; for roles that see everything, an existing resource), `foreign` (another tenant's: bank-2's
 * loan, ent-2's dashboard), `unknown` (an id nobody has). `status` is what an allowed role gets;
 * a role the route does not allow gets 403 and no token 401, whatever the resource.
 */
export type Variant =
  | 'own'
  | 'foreign'
  | 'foreign-not-enrolled'
  | 'foreign-if-match'
  | 'unknown'
  | 'unknown-if-match'
  | 'unknown-bank'
  | 'unknown-loan';

export interface Call {
  readonly variant: Variant;
  readonly path: string;
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  /** Status for each allowed role (a number: the same for all of them). */
  readonly status: number | Partial<Record<TokenRole, number>>;
  /**
   * A known leak: what the allowed role gets today instead of `status`. The matrix asserts it so it
   * stays green and a fix shows up as a change here; each one is marked `// LEAK:` where it is set.
   */
  readonly leak?: { readonly status: number; readonly note: string };
}

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** As the OpenAPI document names it. */
  readonly template: string;
  /** Allowed roles; 'public' for routes without authentication. */
  readonly roles: readonly TokenRole[] | 'public';
  readonly calls: readonly Call[];
}

const UNKNOWN = 'no-such-id';
const IF_MATCH_0 = { 'if-match': '"0"' };
/** Scoped roles (bank-1, ent-1) get 404 for another tenant's resource; the others see everything. */
const scoped404 = (others: number): Partial<Record<TokenRole, number>> => ({
  admin: others,
  bank: 404,
  enterprise: 404,
  'fund-manager': others,
  auditor: others,
});

export const ENDPOINTS: readonly Endpoint[] = [
  // ---- reads ----
  { method: 'GET', template: '/health', roles: 'public', calls: [{ variant: 'own', path: '/health', status: 200 }] },
  {
    method: 'GET',
    template: '/health/live',
    roles: 'public',
    calls: [{ variant: 'own', path: '/health/live', status: 200 }],
  },
  {
    method: 'GET',
    template: '/health/ready',
    roles: 'public',
    calls: [{ variant: 'own', path: '/health/ready', status: 200 }],
  },
  { method: 'GET', template: '/metrics', roles: 'public', calls: [{ variant: 'own', path: '/metrics', status: 200 }] },
  {
    method: 'GET',
    template: '/v1/ip-assets',
    roles: ['admin', 'bank', 'auditor'],
    calls: [{ variant: 'own', path: '/v1/ip-assets', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/ip-assets/{id}',
    roles: ['admin', 'bank', 'auditor'],
    calls: [
      { variant: 'own', path: `/v1/ip-assets/${W.patent1}`, status: 200 },
      // The IP register is open to every bank (to check a patent is free): no tenancy here.
      { variant: 'foreign', path: `/v1/ip-assets/${W.patent2}`, status: 200 },
      { variant: 'unknown', path: `/v1/ip-assets/${UNKNOWN}`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/loans',
    roles: ['bank', 'enterprise', 'fund-manager', 'auditor'],
    calls: [{ variant: 'own', path: '/v1/loans', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/loans/{id}',
    roles: ['bank', 'enterprise', 'fund-manager', 'auditor'],
    calls: [
      { variant: 'own', path: `/v1/loans/${W.loan1}`, status: 200 },
      { variant: 'foreign', path: `/v1/loans/${W.loan2}`, status: scoped404(200) },
      { variant: 'foreign-not-enrolled', path: `/v1/loans/${W.loan3}`, status: { ...scoped404(404), auditor: 200 } },
      { variant: 'unknown', path: `/v1/loans/${UNKNOWN}`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/claims',
    roles: ['bank', 'fund-manager', 'auditor'],
    calls: [{ variant: 'own', path: '/v1/claims', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/claims/{id}',
    roles: ['bank', 'fund-manager', 'auditor'],
    calls: [
      { variant: 'own', path: `/v1/claims/${W.loan1}`, status: 200 },
      { variant: 'foreign', path: `/v1/claims/${W.loan2}`, status: scoped404(200) },
      { variant: 'unknown', path: `/v1/claims/${UNKNOWN}`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/banks/{id}/portfolio',
    roles: ['bank', 'fund-manager', 'auditor'],
    calls: [
      { variant: 'own', path: `/v1/banks/${W.bank1}/portfolio`, status: 200 },
      { variant: 'foreign', path: `/v1/banks/${W.bank2}/portfolio`, status: scoped404(200) },
      { variant: 'unknown', path: `/v1/banks/${UNKNOWN}/portfolio`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/enterprises/{id}/dashboard',
    roles: ['enterprise', 'admin'],
    calls: [
      { variant: 'own', path: `/v1/enterprises/${W.ent1}/dashboard`, status: 200 },
      { variant: 'foreign', path: `/v1/enterprises/${W.ent2}/dashboard`, status: scoped404(200) },
      { variant: 'unknown', path: `/v1/enterprises/${UNKNOWN}/dashboard`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/funds/{id}/dashboard',
    roles: ['fund-manager', 'auditor'],
    calls: [
      { variant: 'own', path: `/v1/funds/${W.fund}/dashboard`, status: 200 },
      { variant: 'unknown', path: `/v1/funds/${UNKNOWN}/dashboard`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/ledger/journal',
    roles: ['fund-manager', 'auditor'],
    calls: [{ variant: 'own', path: '/v1/ledger/journal', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/ledger/trial-balance',
    roles: ['fund-manager', 'auditor'],
    calls: [{ variant: 'own', path: '/v1/ledger/trial-balance', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/audit/events',
    roles: ['auditor'],
    calls: [{ variant: 'own', path: '/v1/audit/events', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/audit/streams',
    roles: ['auditor'],
    calls: [{ variant: 'own', path: '/v1/audit/streams', status: 200 }],
  },
  {
    method: 'GET',
    template: '/v1/audit/streams/{streamId}',
    roles: ['auditor'],
    calls: [
      { variant: 'own', path: `/v1/audit/streams/${loanStreamId(W.loan1)}`, status: 200 },
      { variant: 'unknown', path: `/v1/audit/streams/${loanStreamId(UNKNOWN)}`, status: 404 },
    ],
  },
  // The auditor sees every tenant's aggregates: another bank's loan is as visible as one's own.
  {
    method: 'GET',
    template: '/v1/audit/{aggregate}/{id}/state',
    roles: ['auditor'],
    calls: [
      { variant: 'own', path: `/v1/audit/loan/${W.loan1}/state`, status: 200 },
      { variant: 'foreign', path: `/v1/audit/loan/${W.loan2}/state`, status: 200 },
      { variant: 'unknown', path: `/v1/audit/loan/${UNKNOWN}/state`, status: 404 },
    ],
  },
  {
    method: 'GET',
    template: '/v1/audit/funds/{id}/dashboard',
    roles: ['auditor'],
    calls: [
      { variant: 'own', path: `/v1/audit/funds/${W.fund}/dashboard`, status: 200 },
      { variant: 'unknown', path: `/v1/audit/funds/${UNKNOWN}/dashboard`, status: 404 },
    ],
  },
  {
    method: 'POST',
    template: '/v1/audit/verifications',
    roles: ['auditor'],
    calls: [{ variant: 'own', path: '/v1/audit/verifications', status: 200 }],
  },

  // ---- commands ----
  {
    method: 'POST',
    template: '/v1/banks',
    roles: ['admin'],
    calls: [
      {
        variant: 'own',
        path: '/v1/banks',
        body: { bankId: W.bank1, name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
        status: 409,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/enterprises',
    roles: ['admin'],
    calls: [
      {
        variant: 'own',
        path: '/v1/enterprises',
        body: {
          enterpriseId: W.ent1,
          name: 'Minjiang Photonics',
          creditCode: CREDIT_CODES.enterprise,
          region: 'Fujian/Fuzhou',
          size: 'small',
        },
        status: 409,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/enterprises/{id}/certifications',
    roles: ['admin'],
    calls: (['own', 'unknown'] as const).map((variant) => ({
      variant,
      path: `/v1/enterprises/${variant === 'own' ? W.ent1 : UNKNOWN}/certifications`,
      body: { certification: 'high-tech', grantDate: '2025-12-01', expiryDate: '2028-11-30' },
      status: variant === 'own' ? 200 : 404,
    })),
  },
  {
    method: 'POST',
    template: '/v1/enterprises/{id}/certification-revocations',
    roles: ['admin'],
    calls: (['own', 'unknown'] as const).map((variant) => ({
      variant,
      path: `/v1/enterprises/${variant === 'own' ? W.ent1 : UNKNOWN}/certification-revocations`,
      body: { certification: 'little-giant', revocationDate: '2026-06-30', reason: 'Annual review failed' },
      status: variant === 'own' ? 409 : 404,
    })),
  },
  // Erasing a contact person is idempotent (200 again, nothing recorded when none is held); the
  // admin sees every enterprise, so another's is as erasable as the first one's.
  {
    method: 'POST',
    template: '/v1/enterprises/{id}/contact-erasures',
    roles: ['admin'],
    calls: (['own', 'foreign', 'unknown'] as const).map((variant) => ({
      variant,
      path: `/v1/enterprises/${{ own: W.ent1, foreign: W.ent2, unknown: UNKNOWN }[variant]}/contact-erasures`,
      body: { reason: 'subject-request' },
      status: variant === 'unknown' ? 404 : 200,
    })),
  },
  {
    method: 'POST',
    template: '/v1/ip-assets',
    roles: ['admin'],
    calls: [
      {
        variant: 'own',
        path: '/v1/ip-assets',
        body: {
          ipAssetId: W.patent1,
          kind: 'invention-patent',
          number: PATENT_NUMBERS[0],
          title: 'Patent again',
          ownerEnterpriseIds: [W.ent1],
          grantDate: '2023-05-10',
          expiryDate: '2041-03-01',
        },
        status: 409,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/ip-assets/{id}/valuations',
    roles: ['admin'],
    calls: (['own', 'unknown'] as const).map((variant) => ({
      variant,
      path: `/v1/ip-assets/${variant === 'own' ? W.patent1 : UNKNOWN}/valuations`,
      body: { appraiser: 'Fujian Zhongxin Appraisal', value: '1500000.00', valuationDate: '2026-01-05' },
      status: variant === 'own' ? 200 : 404,
    })),
  },
  {
    method: 'POST',
    template: '/v1/ip-assets/{id}/legal-status',
    roles: ['admin'],
    calls: (['own', 'unknown'] as const).map((variant) => ({
      variant,
      path: `/v1/ip-assets/${variant === 'own' ? W.patent1 : UNKNOWN}/legal-status`,
      body: { event: 'invalidation-resolved', date: '2026-03-01', caseNumber: 'NO-SUCH-CASE', outcome: 'upheld' },
      status: variant === 'own' ? 409 : 404,
    })),
  },
  {
    // The server names every loan (issue 5): a `loanId` in the body is refused alike whether it is
    // the caller's loan, another bank's or nobody's (400, the field named), so the answer tells
    // nothing about other banks' loans. An unknown borrower is 404: enterprises are not a bank's
    // tenants (the IP register, open to every bank, names the owners anyway).
    method: 'POST',
    template: '/v1/loans',
    roles: ['bank'],
    calls: [
      { variant: 'own', path: '/v1/loans', body: origination({ loanId: W.loan1 }), status: 400 },
      { variant: 'foreign', path: '/v1/loans', body: origination({ loanId: W.loan2 }), status: 400 },
      { variant: 'unknown-loan', path: '/v1/loans', body: origination({ loanId: UNKNOWN }), status: 400 },
      { variant: 'unknown', path: '/v1/loans', body: origination({ enterpriseId: UNKNOWN }), status: 404 },
    ],
  },
  ...loanCommand('disbursements', { valueDate: '2026-01-16' }, 409),
  ...loanCommand('repayments', { amount: '99999999.00', valueDate: '2026-06-30' }, 409),
  ...loanCommand('delinquency-assessments', { asOf: '2026-06-14' }, 409),
  ...loanCommand('default', { asOf: '2026-06-14' }, 409),
  ...loanCommand('recoveries', { amount: '99999999.00', source: 'borrower', valueDate: '2026-09-01' }, 409),
  ...loanCommand('write-off', { valueDate: '2026-12-31' }, 412, { 'if-match': '"999"' }),
  {
    method: 'POST',
    template: '/v1/funds',
    roles: ['fund-manager'],
    calls: [
      {
        variant: 'own',
        path: '/v1/funds',
        body: { fundId: W.fund, name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' },
        status: 409,
      },
    ],
  },
  ...fundCommand(
    'contributions',
    { contributor: 'Fujian provincial finance department', amount: '1000.00', valueDate: '2026-07-01' },
    200,
  ),
  ...fundCommand('policies', policyBody(), 409),
  ...fundCommand('banks', { bankId: W.bank1, admittedOn: '2026-01-03' }, 409),
  {
    method: 'POST',
    template: '/v1/funds/{id}/banks/{bankId}/suspension',
    roles: ['fund-manager'],
    calls: [
      {
        variant: 'own',
        path: `/v1/funds/${W.fund}/banks/${W.bank1}/suspension`,
        body: { reason: 'Reporting overdue', suspendedOn: '2026-07-01' },
        headers: { 'if-match': '"999"' },
        status: 412,
      },
      {
        variant: 'unknown',
        path: `/v1/funds/${UNKNOWN}/banks/${W.bank1}/suspension`,
        body: { reason: 'Reporting overdue', suspendedOn: '2026-07-01' },
        status: 404,
      },
      {
        // The fund's own rule (FUND.BANK_NOT_ADMITTED), the same for a known bank never admitted:
        // fund managers may know every bank, so this tells them nothing they may not see.
        variant: 'unknown-bank',
        path: `/v1/funds/${W.fund}/banks/${UNKNOWN}/suspension`,
        body: { reason: 'Reporting overdue', suspendedOn: '2026-07-01' },
        status: 409,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/funds/{id}/banks/{bankId}/reinstatement',
    roles: ['fund-manager'],
    calls: [
      {
        variant: 'own',
        path: `/v1/funds/${W.fund}/banks/${W.bank1}/reinstatement`,
        body: { reason: 'Reports filed', reinstatedOn: '2026-07-02' },
        status: 409,
      },
      {
        variant: 'unknown',
        path: `/v1/funds/${UNKNOWN}/banks/${W.bank1}/reinstatement`,
        body: { reason: 'Reports filed', reinstatedOn: '2026-07-02' },
        status: 404,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/funds/{id}/enrolments',
    roles: ['fund-manager'],
    calls: [
      {
        variant: 'own',
        path: `/v1/funds/${W.fund}/enrolments`,
        body: { loanId: W.loan1, enrolledOn: '2026-07-01' },
        status: 409,
      },
      {
        variant: 'unknown',
        path: `/v1/funds/${UNKNOWN}/enrolments`,
        body: { loanId: W.loan1, enrolledOn: '2026-07-01' },
        status: 404,
      },
      {
        variant: 'unknown-loan',
        path: `/v1/funds/${W.fund}/enrolments`,
        body: { loanId: UNKNOWN, enrolledOn: '2026-07-01' },
        status: 404,
      },
    ],
  },
  {
    method: 'POST',
    template: '/v1/claims',
    roles: ['bank'],
    calls: [
      { variant: 'own', path: '/v1/claims', body: { loanId: W.loan1, filedOn: '2026-06-21' }, status: 409 },
      { variant: 'foreign', path: '/v1/claims', body: { loanId: W.loan2, filedOn: '2026-06-21' }, status: 404 },
      {
        variant: 'foreign-not-enrolled',
        path: '/v1/claims',
        body: { loanId: W.loan3, filedOn: '2026-06-21' },
        status: 404,
      },
      { variant: 'unknown', path: '/v1/claims', body: { loanId: UNKNOWN, filedOn: '2026-06-21' }, status: 404 },
      {
        variant: 'foreign-if-match',
        path: '/v1/claims',
        body: { loanId: W.loan2, filedOn: '2026-06-21' },
        headers: { 'if-match': '"7"' },
        status: 404,
      },
      {
        variant: 'unknown-if-match',
        path: '/v1/claims',
        body: { loanId: UNKNOWN, filedOn: '2026-06-21' },
        headers: { 'if-match': '"7"' },
        status: 404,
      },
    ],
  },
  ...claimCommand('approvals', { approvedOn: '2026-06-26' }, 409),
  ...claimCommand('payouts', { valueDate: '2026-06-26' }, 409),
  ...claimCommand('rejections', { reason: 'Default not documented', rejectedOn: '2026-06-27' }, 200),
];

/** A loan origination for ent-1 against patent-1, with `changes`. */
function origination(changes: Record<string, unknown>): Record<string, unknown> {
  return {
    enterpriseId: W.ent1,
    principal: '2000000.00',
    annualRateBps: 1200,
    termMonths: 12,
    repaymentMethod: 'bullet',
    originationDate: '2026-01-10',
    pledges: [{ assetId: W.patent1, registrationNumber: 'Y2026-again', consentingOwnerIds: [] }],
    ...changes,
  };
}

/** A bank's command on one loan: bank-1's loan-1, bank-2's loan-2, an unknown loan. */
function loanCommand(
  action: string,
  body: Record<string, unknown>,
  ownStatus: number,
  ownHeaders?: Record<string, string>,
): Endpoint[] {
  return [
    {
      method: 'POST',
      template: `/v1/loans/{id}/${action}`,
      roles: ['bank'],
      calls: [
        { variant: 'own', path: `/v1/loans/${W.loan1}/${action}`, body, headers: ownHeaders, status: ownStatus },
        { variant: 'foreign', path: `/v1/loans/${W.loan2}/${action}`, body, status: 404 },
        { variant: 'unknown', path: `/v1/loans/${UNKNOWN}/${action}`, body, status: 404 },
        // A conditional command on another bank's loan must not reveal its revision (412) either.
        {
          variant: 'foreign-if-match',
          path: `/v1/loans/${W.loan2}/${action}`,
          body,
          headers: IF_MATCH_0,
          status: 404,
        },
        {
          variant: 'unknown-if-match',
          path: `/v1/loans/${UNKNOWN}/${action}`,
          body,
          headers: IF_MATCH_0,
          status: 404,
        },
      ],
    },
  ];
}

/** A fund manager's command on fund-1 and on an unknown fund. */
function fundCommand(action: string, body: Record<string, unknown>, ownStatus: number): Endpoint[] {
  return [
    {
      method: 'POST',
      template: `/v1/funds/{id}/${action}`,
      roles: ['fund-manager'],
      calls: [
        { variant: 'own', path: `/v1/funds/${W.fund}/${action}`, body, status: ownStatus },
        { variant: 'unknown', path: `/v1/funds/${UNKNOWN}/${action}`, body, status: 404 },
      ],
    },
  ];
}

/** A fund manager's decision on a claim: loan-1's (own: approved once by this manager), loan-2's, unknown. */
function claimCommand(action: string, body: Record<string, unknown>, ownStatus: number): Endpoint[] {
  const own: Call = { variant: 'own', path: `/v1/claims/${W.loan1}/${action}`, body, status: ownStatus };
  return [
    {
      method: 'POST',
      template: `/v1/claims/{id}/${action}`,
      roles: ['fund-manager'],
      calls: [
        action === 'rejections' ? { ...own, path: `/v1/claims/${W.loan2}/${action}` } : own,
        { variant: 'unknown', path: `/v1/claims/${UNKNOWN}/${action}`, body, status: 404 },
      ],
    },
  ];
}
