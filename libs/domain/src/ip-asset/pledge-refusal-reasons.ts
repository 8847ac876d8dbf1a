import type { PledgeRequest } from './ip-asset.commands';
import type { IpAssetState, LivePledge } from './ip-asset.state';

export type PledgeRefusalCode =
  | 'IP_ASSET.NOT_FOUND'
  | 'IP_ASSET.DISPOSED'
  | 'IP_ASSET.INVALIDATED'
  | 'IP_ASSET.ALREADY_PLEDGED'
  | 'IP_ASSET.PLEDGE_ALREADY_RELEASED'
  | 'IP_ASSET.PLEDGOR_NOT_OWNER'
  | 'IP_ASSET.CO_OWNER_CONSENT_MISSING'
  | 'IP_ASSET.EXPIRED'
  | 'IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY'
  | 'IP_ASSET.ANNUAL_FEE_LAPSED'
  | 'IP_ASSET.INVALIDATION_PENDING';

export interface PledgeRefusal {
  readonly code: PledgeRefusalCode;
  readonly message: string;
}

/**
 * Every reason the asset refuses this pledge, in a stable order; empty when it can be registered
 * (including when this very loan already holds the pledge for the same bank: registering it again changes nothing).
 * RegisterPledge throws the first one; the pledging process manager can report them all in
 * LoanPledgeRefused. Pure: the request carries the pledge date and the loan's maturity.
 */
export function pledgeRefusalReasons(state: IpAssetState, request: PledgeRequest): PledgeRefusal[] {
  if (state.status === 'unregistered') {
    return [{ code: 'IP_ASSET.NOT_FOUND', message: `IP asset ${request.ipAssetId} is not registered` }];
  }
  const asset = `IP asset ${state.ipAssetId} (${state.number})`;
  if (isSamePledge(state.pledge, request)) return [];

  const reasons: PledgeRefusal[] = [];
  const refuse = (code: PledgeRefusalCode, message: string) => reasons.push({ code, message });

  // The reasons end up on the requesting bank's loan (LoanPledgeRefused): they never name another
  // bank or its loan (tenancy, issue 5); the IP register already says the asset is pledged or sold.
  if (state.status === 'disposed') {
    refuse('IP_ASSET.DISPOSED', `${asset} was sold in recovery of a loan on ${state.disposal.enforcementDate}`);
  }
  if (state.status === 'invalidated') {
    refuse('IP_ASSET.INVALIDATED', `${asset} was invalidated on ${state.invalidationDate}`);
  }
  if (state.pledge) {
    refuse(
      'IP_ASSET.ALREADY_PLEDGED',
      state.pledge.pledgeeBankId === request.pledgeeBankId
        ? `${asset} is already pledged to this bank for loan ${state.pledge.loanId}`
        : `${asset} is already pledged to another bank`,
    );
  }
  if (state.releasedPledges.some((p) => p.loanId === request.loanId)) {
    refuse(
      'IP_ASSET.PLEDGE_ALREADY_RELEASED',
      `${asset} was already pledged for loan ${request.loanId} and released; it is not pledged to the same loan twice`,
    );
  }
  // The borrower reads these reasons on its loan too: an enterprise that does not own the asset is
  // not told who does, and co-owner consent is only asked of (and named to) an owner.
  const owners = state.ownerEnterpriseIds;
  const ownedByPledgor = owners.includes(request.pledgorEnterpriseId);
  if (!ownedByPledgor) {
    refuse('IP_ASSET.PLEDGOR_NOT_OWNER', `Enterprise ${request.pledgorEnterpriseId} does not own ${asset}`);
  }
  const missing = owners.filter((o) => o !== request.pledgorEnterpriseId && !request.consentingOwnerIds.includes(o));
  if (ownedByPledgor && missing.length > 0) {
    refuse('IP_ASSET.CO_OWNER_CONSENT_MISSING', `Co-owner(s) ${missing.join(', ')} of ${asset} have not consented`);
  }
  if (request.pledgeDate > state.expiryDate) {
    refuse('IP_ASSET.EXPIRED', `${asset} expired on ${state.expiryDate}, before the pledge date ${request.pledgeDate}`);
  } else if (request.loanMaturityDate > state.expiryDate) {
    refuse(
      'IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY',
      `${asset} expires on ${state.expiryDate}, before the loan matures on ${request.loanMaturityDate}`,
    );
  }
  if (state.annualFeeLapseDate !== null) {
    refuse('IP_ASSET.ANNUAL_FEE_LAPSED', `The annual fee of ${asset} lapsed on ${state.annualFeeLapseDate}`);
  }
  if (state.pendingInvalidations.length > 0) {
    const cases = state.pendingInvalidations.map((c) => c.caseNumber).join(', ');
    refuse('IP_ASSET.INVALIDATION_PENDING', `An invalidation of ${asset} is pending (case ${cases})`);
  }
  return reasons;
}

/** The live pledge is this request's: same loan, same pledgee bank. Registering it again changes nothing. */
export function isSamePledge(pledge: LivePledge | null, request: PledgeRequest): boolean {
  return pledge !== null && pledge.loanId === request.loanId && pledge.pledgeeBankId === request.pledgeeBankId;
}
