import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import type { ApproveClaim, RejectClaim } from './claim.commands';
import { claimDecider } from './claim.decider';
import {
  ClaimAlreadyApprovedByYouError,
  ClaimAlreadyApprovedError,
  ClaimAlreadyPaidError,
  ClaimInvalidInputError,
  ClaimNothingPayableError,
  ClaimNotFoundError,
  ClaimRejectedError,
  ClaimSelfApprovalError,
} from './claim.errors';
import type { ClaimApproved, ClaimEvent } from './claim.events';
import {
  alice,
  bankUser,
  bob,
  carol,
  claimApproved,
  claimCommand,
  claimFiled,
  claimSystem,
  fullyApproved,
  paid,
  snapshot,
} from './claim.fixtures';

const spec = deciderSpec(claimDecider);

function approve(actor: Actor, fund = snapshot(), claimId = 'l-1'): ApproveClaim {
  return claimCommand<ApproveClaim>('ApproveClaim', { claimId, fund, approvedOn: '2026-05-25' }, actor);
}
function reject(actor: Actor = alice, reason = 'Documents missing'): RejectClaim {
  return claimCommand<RejectClaim>('RejectClaim', { claimId: 'l-1', reason, rejectedOn: '2026-05-26' }, actor);
}
function approvalOf(history: ClaimEvent[], command: ApproveClaim): ClaimApproved['data'] {
  return (spec.given(history).when(command).events()[0] as ClaimApproved).data;
}
const rejectedEvent: ClaimEvent = {
  type: 'ClaimRejected',
  data: { claimId: 'l-1', loanId: 'l-1', bankId: 'b-1', reason: 'x', rejectedBy: 'fm-alice', rejectedOn: '2026-05-22' },
};

describe('ApproveClaim', () => {
  it('records the approver and the full calculation trace', () =>
    spec
      .given([claimFiled()])
      .when(approve(alice))
      .then([claimApproved('fm-alice', 1)]));

  describe('payout = min(ratio x loss, per-loan cap, bank annual cap remaining, fund available balance)', () => {
    it('ratio x loss, rounded down to the fen', () => {
      const data = approvalOf([claimFiled('1000.01')], approve(alice));
      expect(data.calculation).toMatchObject({ ratioAmount: '400.00', payout: '400.00', boundApplied: 'ratio' });
    });
    it('the per-loan cap of the enrolment', () => {
      const history: ClaimEvent[] = [
        {
          ...claimFiled(),
          data: {
            ...claimFiled().data,
            cover: { ...claimFiled().data.cover, perLoanCap: '1000000.00' },
          },
        },
      ];
      expect(approvalOf(history, approve(alice)).calculation).toMatchObject({
        ratioAmount: '1200000.00',
        payout: '1000000.00',
        boundApplied: 'per-loan-cap',
        perLoanCap: '1000000.00',
      });
    });
    it("the bank's remaining annual cap", () =>
      expect(
        approvalOf([claimFiled()], approve(alice, snapshot({ bankAnnualCapRemaining: '700000.00' }))).calculation,
      ).toMatchObject({ payout: '700000.00', boundApplied: 'bank-annual-cap', bankAnnualCapRemaining: '700000.00' }));
    it("the fund's available balance", () =>
      expect(
        approvalOf([claimFiled()], approve(alice, snapshot({ fundAvailableBalance: '500000.00' }))).calculation,
      ).toMatchObject({ payout: '500000.00', boundApplied: 'fund-balance', fundAvailableBalance: '500000.00' }));
    it('refuses when nothing can be paid (annual cap used up or fund empty)', () => {
      spec
        .given([claimFiled()])
        .when(approve(alice, snapshot({ bankAnnualCapRemaining: '0.00' })))
        .thenThrows(ClaimNothingPayableError, 'CLAIM.NOTHING_PAYABLE');
      spec
        .given([claimFiled()])
        .when(approve(alice, snapshot({ fundAvailableBalance: '0.00' })))
        .thenThrows(ClaimNothingPayableError);
    });
    it('carries the policy versions it was decided under', () =>
      expect(approvalOf([claimFiled()], approve(alice, snapshot({ policyVersion: 3 }))).calculation).toMatchObject({
        policyVersion: 3,
        enrolmentPolicyVersion: 1,
        coverageRatioBps: 4000,
        tier: 1,
      }));
  });

  describe('four eyes', () => {
    it('the filer may not approve', () => {
      const filerAsManager: Actor = { sub: 'bank-clerk', role: 'fund-manager' };
      spec
        .given([claimFiled()])
        .when(approve(filerAsManager))
        .thenThrows(ClaimSelfApprovalError, 'CLAIM.SELF_APPROVAL');
    });
    it('above the threshold one approval is not enough: approvalsRequired 2, not payable', () =>
      expect(approvalOf([claimFiled()], approve(alice))).toMatchObject({
        approvalsRequired: 2,
        approvalsSoFar: 1,
        fullyApproved: false,
      }));
    it('a second, different fund manager makes it payable', () =>
      spec
        .given([claimFiled(), claimApproved('fm-alice', 1)])
        .when(approve(bob))
        .then([claimApproved('fm-bob', 2)]));
    it("one person's approval counts once", () =>
      spec
        .given([claimFiled(), claimApproved('fm-alice', 1)])
        .when(approve(alice))
        .thenThrows(ClaimAlreadyApprovedByYouError, 'CLAIM.ALREADY_APPROVED_BY_YOU'));
    it('at or below the threshold one approval suffices', () => {
      const data = approvalOf([claimFiled()], approve(alice, snapshot({ dualApprovalThreshold: '1200000.00' })));
      expect(data).toMatchObject({ approvalsRequired: 1, approvalsSoFar: 1, fullyApproved: true });
      const state = foldEvents(claimDecider, [claimFiled(), { type: 'ClaimApproved', data }]);
      expect(state.status).toBe('approved');
    });
    it('a payout that changed since the first approval restarts the round: the new amount needs two again', () => {
      const history = [claimFiled(), claimApproved('fm-alice', 1)];
      const data = approvalOf(history, approve(bob, snapshot({ fundAvailableBalance: '1100000.00' })));
      expect(data).toMatchObject({ approvalsSoFar: 1, fullyApproved: false });
      expect(data.calculation.payout).toBe('1100000.00');
      const next = [...history, { type: 'ClaimApproved' as const, data }];
      // bob approved this amount already; alice's earlier approval was for another amount, so she may approve it
      spec
        .given(next)
        .when(approve(bob, snapshot({ fundAvailableBalance: '1100000.00' })))
        .thenThrows(ClaimAlreadyApprovedByYouError);
      expect(approvalOf(next, approve(alice, snapshot({ fundAvailableBalance: '1100000.00' })))).toMatchObject({
        approvalsSoFar: 2,
        fullyApproved: true,
      });
    });
    it('a restarted round that drops to the threshold needs one approval', () =>
      expect(
        approvalOf(
          [claimFiled(), claimApproved('fm-alice', 1)],
          approve(bob, snapshot({ fundAvailableBalance: '1000000.00' })),
        ),
      ).toMatchObject({ approvalsRequired: 1, approvalsSoFar: 1, fullyApproved: true }));
  });

  it('refuses a fully approved claim', () =>
    spec.given(fullyApproved).when(approve(carol)).thenThrows(ClaimAlreadyApprovedError, 'CLAIM.ALREADY_APPROVED'));
  it('refuses a paid claim', () =>
    spec.given(paid).when(approve(carol)).thenThrows(ClaimAlreadyPaidError, 'CLAIM.ALREADY_PAID'));
  it('refuses a rejected claim', () =>
    spec.given([claimFiled(), rejectedEvent]).when(approve(bob)).thenThrows(ClaimRejectedError, 'CLAIM.REJECTED'));
  it('refuses a claim that does not exist', () =>
    spec.given([]).when(approve(alice)).thenThrows(ClaimNotFoundError, 'CLAIM.NOT_FOUND'));
  it('refuses a snapshot of another fund or with bad figures', () => {
    spec
      .given([claimFiled()])
      .when(approve(alice, snapshot({ fundId: 'f-2' })))
      .thenThrows(ClaimInvalidInputError, 'CLAIM.INVALID_INPUT');
    spec
      .given([claimFiled()])
      .when(approve(alice, snapshot({ fundAvailableBalance: '-1.00' })))
      .thenThrows(ClaimInvalidInputError);
  });
  it('only fund managers approve', () => {
    spec.given([claimFiled()]).when(approve(bankUser)).thenThrows(ForbiddenError);
    spec.given([claimFiled()]).when(approve(claimSystem)).thenThrows(ForbiddenError);
  });
});

describe('RejectClaim', () => {
  it('rejects a filed claim with the reason and who', () =>
    spec
      .given([claimFiled()])
      .when(reject())
      .then([
        {
          type: 'ClaimRejected',
          data: {
            claimId: 'l-1',
            loanId: 'l-1',
            bankId: 'b-1',
            reason: 'Documents missing',
            rejectedBy: 'fm-alice',
            rejectedOn: '2026-05-26',
          },
        },
      ]));
  it('rejects a claim approved once of the two required', () =>
    expect(
      spec
        .given([claimFiled(), claimApproved('fm-alice', 1)])
        .when(reject(bob))
        .events(),
    ).toHaveLength(1));
  it('refuses once fully approved', () =>
    spec.given(fullyApproved).when(reject()).thenThrows(ClaimAlreadyApprovedError, 'CLAIM.ALREADY_APPROVED'));
  it('refuses a paid claim', () => spec.given(paid).when(reject()).thenThrows(ClaimAlreadyPaidError));
  it('refuses a claim already rejected', () =>
    spec.given([claimFiled(), rejectedEvent]).when(reject()).thenThrows(ClaimRejectedError));
  it('refuses an empty reason', () =>
    spec.given([claimFiled()]).when(reject(alice, '')).thenThrows(ClaimInvalidInputError));
  it('refuses a claim that does not exist', () => spec.given([]).when(reject()).thenThrows(ClaimNotFoundError));
  it('only fund managers reject', () => spec.given([claimFiled()]).when(reject(bankUser)).thenThrows(ForbiddenError));
});
