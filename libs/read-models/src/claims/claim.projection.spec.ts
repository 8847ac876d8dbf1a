import type { ClaimEvent, PayoutTrace } from '@pledge-ledger/domain';
import { foldClaim, type ClaimDraft } from './claim.projection';

const ids = { claimId: 'loan-1', loanId: 'loan-1', bankId: 'bank-1', fundId: 'fund-1' };

const trace = (payout: string): PayoutTrace => ({
  policyVersion: 1,
  enrolmentPolicyVersion: 1,
  coverageRatioBps: 4000,
  tier: 1,
  principalLoss: '1000000.00',
  ratioAmount: '400000.00',
  perLoanCap: '750000.00',
  bankAnnualCapRemaining: '5000000.00',
  fundAvailableBalance: payout === '400000.00' ? '9000000.00' : payout,
  payout,
  boundApplied: payout === '400000.00' ? 'ratio' : 'fund-balance',
  dualApprovalThreshold: '500000.00',
});

const filed = (filedOn: string): ClaimEvent => ({
  type: 'ClaimFiled',
  data: {
    ...ids,
    principalLoss: '1000000.00',
    outstandingPrincipalAtDefault: '1000000.00',
    recoveriesSoFar: '0.00',
    cover: {
      policyVersion: 1,
      coverageRatioBps: 4000,
      tier: 1,
      perLoanCap: '750000.00',
      coveredPrincipal: '1000000.00',
    },
    filedBy: 'officer-1',
    filedOn,
  },
});

const approved = (by: string, on: string, payout: string, soFar: number, required: 1 | 2): ClaimEvent => ({
  type: 'ClaimApproved',
  data: {
    ...ids,
    approvedBy: by,
    approvedOn: on,
    calculation: trace(payout),
    approvalsRequired: required,
    approvalsSoFar: soFar,
    fullyApproved: soFar >= required,
  },
});

function fold(events: readonly ClaimEvent[]): ClaimDraft {
  return events.reduce<ClaimDraft | undefined>(foldClaim, undefined)!;
}

describe('claims projection fold', () => {
  it('ignores events of a claim it has not seen filed', () => {
    expect(foldClaim(undefined, approved('fm-1', '2026-06-25', '400000.00', 1, 1))).toBeUndefined();
  });

  it('keeps a rejected filing in the history when the claim is filed again, and starts the new one afresh', () => {
    const draft = fold([
      filed('2026-06-20'),
      approved('fm-1', '2026-06-21', '400000.00', 1, 1),
      {
        type: 'ClaimPaymentRefused',
        data: {
          ...ids,
          refusedPayout: '400000.00',
          code: 'FUND.INSUFFICIENT_BALANCE',
          reason: 'short',
          refusedOn: '2026-06-22',
        },
      },
      {
        type: 'ClaimRejected',
        data: {
          claimId: ids.claimId,
          loanId: ids.loanId,
          bankId: ids.bankId,
          reason: 'papers missing',
          rejectedBy: 'fm-2',
          rejectedOn: '2026-06-23',
        },
      },
      filed('2026-07-01'),
    ]);
    expect(draft.row).toMatchObject({ status: 'filed', filings: 2, filed_on: '2026-07-01', paid_amount: null });
    expect(draft.approvers).toEqual([]);
    expect(draft.approvals.map((a) => [a.filing, a.approvedBy])).toEqual([[1, 'fm-1']]);
    expect(draft.rejections).toEqual([
      { filing: 1, reason: 'papers missing', rejectedBy: 'fm-2', rejectedOn: '2026-06-23' },
    ]);
    expect(draft.paymentRefusals.map((r) => r.code)).toEqual(['FUND.INSUFFICIENT_BALANCE']);
  });

  it('sends a refused payment back to filed with its approvals lapsed; a new round counts only its own approvers', () => {
    const refused = fold([
      filed('2026-06-20'),
      approved('fm-1', '2026-06-21', '600000.00', 1, 2),
      approved('fm-2', '2026-06-22', '600000.00', 2, 2),
      {
        type: 'ClaimPaymentRefused',
        data: {
          ...ids,
          refusedPayout: '600000.00',
          code: 'FUND.BANK_ANNUAL_CAP_EXCEEDED',
          reason: 'cap',
          refusedOn: '2026-06-22',
        },
      },
    ]);
    expect(refused.row.status).toBe('filed');
    expect(refused.approvers).toEqual([]);

    // The fund moved: FM2's approval computes another payout, so the round restarts with it.
    const restarted = fold([
      filed('2026-06-20'),
      approved('fm-1', '2026-06-21', '600000.00', 1, 2),
      approved('fm-2', '2026-06-22', '550000.00', 1, 2),
    ]);
    expect(restarted.row.status).toBe('approving');
    expect(restarted.approvers).toEqual(['fm-2']);

    const paid = fold([
      filed('2026-06-20'),
      approved('fm-1', '2026-06-21', '400000.00', 1, 1),
      { type: 'ClaimPaid', data: { ...ids, amount: '400000.00', paidOn: '2026-06-21' } },
    ]);
    expect(paid.row).toMatchObject({ status: 'paid', paid_amount: '40000000', paid_on: '2026-06-21' });
    expect(paid.approvers).toEqual(['fm-1']);
  });
});
