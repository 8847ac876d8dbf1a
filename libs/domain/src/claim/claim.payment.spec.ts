import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import type { ApproveClaim, MarkClaimPaid, RecordClaimPaymentRefused, ShareRecovery } from './claim.commands';
import { claimDecider } from './claim.decider';
import {
  ClaimAlreadyPaidError,
  ClaimAmountMismatchError,
  ClaimInvalidInputError,
  ClaimNotApprovedError,
  ClaimNotFoundError,
  ClaimNotPaidError,
} from './claim.errors';
import type { ClaimEvent, RecoveryShared } from './claim.events';
import {
  alice,
  bankUser,
  claimApproved,
  claimCommand,
  claimFiled,
  claimPaid,
  claimSystem,
  fullyApproved,
  paid,
  snapshot,
} from './claim.fixtures';

const spec = deciderSpec(claimDecider);

function markPaid(amount = '1200000.00', actor: Actor = claimSystem): MarkClaimPaid {
  return claimCommand<MarkClaimPaid>('MarkClaimPaid', { claimId: 'l-1', amount, paidOn: '2026-06-01' }, actor);
}
function approve(actor: Actor): ApproveClaim {
  return claimCommand<ApproveClaim>(
    'ApproveClaim',
    { claimId: 'l-1', fund: snapshot(), approvedOn: '2026-06-02' },
    actor,
  );
}
function share(recoveryAmount: string, recoveryId = 'r-1', actor: Actor = claimSystem): ShareRecovery {
  return claimCommand<ShareRecovery>(
    'ShareRecovery',
    { claimId: 'l-1', recoveryId, recoveryAmount, sharedOn: '2026-09-01' },
    actor,
  );
}
function shared(history: ClaimEvent[], command: ShareRecovery): RecoveryShared['data'] {
  return (spec.given(history).when(command).events()[0] as RecoveryShared).data;
}

describe('MarkClaimPaid', () => {
  it('records the payment of a fully approved claim', () =>
    spec.given(fullyApproved).when(markPaid()).then([claimPaid()]));
  it('is idempotent: a paid claim yields nothing', () => spec.given(paid).when(markPaid()).then([]));
  it('nothing is paid before the second approval of a claim above the threshold', () =>
    spec
      .given([claimFiled(), claimApproved('fm-alice', 1)])
      .when(markPaid())
      .thenThrows(ClaimNotApprovedError, 'CLAIM.NOT_APPROVED'));
  it('refuses a claim not approved at all', () =>
    spec.given([claimFiled()]).when(markPaid()).thenThrows(ClaimNotApprovedError));
  it('refuses an amount other than the approved payout', () =>
    spec
      .given(fullyApproved)
      .when(markPaid('1200000.01'))
      .thenThrows(ClaimAmountMismatchError, 'CLAIM.AMOUNT_MISMATCH'));
  it('refuses a claim that does not exist', () =>
    spec.given([]).when(markPaid()).thenThrows(ClaimNotFoundError, 'CLAIM.NOT_FOUND'));
  it('refuses a malformed amount', () =>
    spec.given(fullyApproved).when(markPaid('1,200,000')).thenThrows(ClaimInvalidInputError));
  it('only the claim-payment process (system) records it', () => {
    spec.given(fullyApproved).when(markPaid('1200000.00', alice)).thenThrows(ForbiddenError);
    spec.given(fullyApproved).when(markPaid('1200000.00', bankUser)).thenThrows(ForbiddenError);
  });
});

describe('ShareRecovery', () => {
  // paid 1.2 m on a loss of 3 m: the fund bore 40 %
  it('gives the fund floor(recovery x payout / loss) with the figures it used', () =>
    spec
      .given(paid)
      .when(share('1000000.01'))
      .then([
        {
          type: 'RecoveryShared',
          data: {
            claimId: 'l-1',
            loanId: 'l-1',
            bankId: 'b-1',
            fundId: 'f-1',
            recoveryId: 'r-1',
            recoveryAmount: '1000000.01',
            payout: '1200000.00',
            principalLoss: '3000000.00',
            fundShare: '400000.00',
            cumulativeShared: '400000.00',
            sharedOn: '2026-09-01',
          },
        },
      ]));
  it('accumulates across recoveries', () => {
    const first = spec.given(paid).when(share('1000000.00')).events();
    expect(shared([...paid, ...first], share('500000.00', 'r-2'))).toMatchObject({
      fundShare: '200000.00',
      cumulativeShared: '600000.00',
    });
  });
  it('never gives back more in total than the fund paid', () => {
    const first = spec.given(paid).when(share('2500000.00')).events(); // 1 m
    const second = shared([...paid, ...first], share('1000000.00', 'r-2')); // 400 k proportional, 200 k room
    expect(second).toMatchObject({ fundShare: '200000.00', cumulativeShared: '1200000.00' });
    const history = [...paid, ...first, { type: 'RecoveryShared' as const, data: second }];
    expect(shared(history, share('100.00', 'r-3'))).toMatchObject({
      fundShare: '0.00',
      cumulativeShared: '1200000.00',
    });
  });
  it('is idempotent per recovery', () => {
    const first = spec.given(paid).when(share('1000000.00')).events();
    spec
      .given([...paid, ...first])
      .when(share('1000000.00'))
      .then([]);
  });
  it('only for a paid claim', () => {
    spec.given(fullyApproved).when(share('100.00')).thenThrows(ClaimNotPaidError, 'CLAIM.NOT_PAID');
    spec.given([claimFiled()]).when(share('100.00')).thenThrows(ClaimNotPaidError);
  });
  it('refuses a zero recovery', () => spec.given(paid).when(share('0.00')).thenThrows(ClaimInvalidInputError));
  it('refuses a claim that does not exist', () => spec.given([]).when(share('1.00')).thenThrows(ClaimNotFoundError));
  it('only the recovery-sharing process (system) shares', () =>
    spec
      .given(paid)
      .when(share('1.00', 'r-1', alice))
      .thenThrows(ForbiddenError));
});

describe('RecordClaimPaymentRefused', () => {
  const refused = (actor: Actor = claimSystem) =>
    claimCommand<RecordClaimPaymentRefused>(
      'RecordClaimPaymentRefused',
      { claimId: 'l-1', code: 'FUND.INSUFFICIENT_BALANCE', reason: 'Balance 1000.00', refusedOn: '2026-06-01' },
      actor,
    );
  const refusal: ClaimEvent = {
    type: 'ClaimPaymentRefused',
    data: {
      claimId: 'l-1',
      loanId: 'l-1',
      bankId: 'b-1',
      fundId: 'f-1',
      refusedPayout: '1200000.00',
      code: 'FUND.INSUFFICIENT_BALANCE',
      reason: 'Balance 1000.00',
      refusedOn: '2026-06-01',
    },
  };

  it('records the refusal of an approved claim', () => spec.given(fullyApproved).when(refused()).then([refusal]));
  it('the approvals lapse: the claim awaits two approvals again, and nothing is payable meanwhile', () => {
    const history = [...fullyApproved, refusal];
    expect(foldEvents(claimDecider, history).status).toBe('filed');
    spec.given(history).when(markPaid()).thenThrows(ClaimNotApprovedError);
    const again = spec.given(history).when(approve(alice)).events();
    expect(again[0].data).toMatchObject({ approvalsSoFar: 1, fullyApproved: false });
  });
  it('is idempotent once the claim is no longer approved', () => {
    spec
      .given([...fullyApproved, refusal])
      .when(refused())
      .then([]);
    spec
      .given([claimFiled(), claimApproved('fm-alice', 1)])
      .when(refused())
      .then([]);
  });
  it('refuses a paid claim', () => spec.given(paid).when(refused()).thenThrows(ClaimAlreadyPaidError));
  it('refuses a claim that does not exist', () => spec.given([]).when(refused()).thenThrows(ClaimNotFoundError));
  it('only the claim-payment process (system) records it', () =>
    spec.given(fullyApproved).when(refused(alice)).thenThrows(ForbiddenError));
});
