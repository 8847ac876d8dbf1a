import { requireRole } from '../../shared/authorization';
import type { DomainError } from '../../shared/domain-error';
import { parseBusinessDate } from '../../shared/business-date';
import type { PledgeRequest, RegisterPledge } from '../ip-asset.commands';
import {
  AlreadyPledgedError,
  AnnualFeeLapsedError,
  CoOwnerConsentMissingError,
  ExpiresBeforeLoanMaturityError,
  InvalidationPendingError,
  IpAssetDisposedError,
  IpAssetExpiredError,
  IpAssetInvalidatedError,
  IpAssetNotFoundError,
  PledgeAlreadyReleasedError,
  PledgorNotOwnerError,
} from '../ip-asset.errors';
import type { IpAssetEvent } from '../ip-asset.events';
import type { IpAssetState } from '../ip-asset.state';
import type { PledgeRefusalCode } from '../pledge-refusal-reasons';
import { isSamePledge, pledgeRefusalReasons } from '../pledge-refusal-reasons';
import { distinctIds, notBefore, requirePledgeActor, text } from './guards';

const ERROR_BY_CODE: Readonly<
  Record<PledgeRefusalCode, new (message: string, details?: Record<string, unknown>) => DomainError>
> = {
  'IP_ASSET.NOT_FOUND': IpAssetNotFoundError,
  'IP_ASSET.DISPOSED': IpAssetDisposedError,
  'IP_ASSET.INVALIDATED': IpAssetInvalidatedError,
  'IP_ASSET.ALREADY_PLEDGED': AlreadyPledgedError,
  'IP_ASSET.PLEDGE_ALREADY_RELEASED': PledgeAlreadyReleasedError,
  'IP_ASSET.PLEDGOR_NOT_OWNER': PledgorNotOwnerError,
  'IP_ASSET.CO_OWNER_CONSENT_MISSING': CoOwnerConsentMissingError,
  'IP_ASSET.EXPIRED': IpAssetExpiredError,
  'IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY': ExpiresBeforeLoanMaturityError,
  'IP_ASSET.ANNUAL_FEE_LAPSED': AnnualFeeLapsedError,
  'IP_ASSET.INVALIDATION_PENDING': InvalidationPendingError,
};

/**
 * Registers the pledge when no rule refuses it. The same loan's pledge registered again yields no
 * event (the pledging process manager may re-run). A refusal throws the error of the first reason,
 * with every reason in `details.reasons`.
 */
export function registerPledge({ data, metadata }: RegisterPledge, state: IpAssetState): IpAssetEvent[] {
  requireRole(metadata.actor, 'system', 'bank');
  const request: PledgeRequest = {
    ipAssetId: text(data.ipAssetId, 'ipAssetId'),
    loanId: text(data.loanId, 'loanId'),
    pledgeeBankId: text(data.pledgeeBankId, 'pledgeeBankId'),
    pledgorEnterpriseId: text(data.pledgorEnterpriseId, 'pledgorEnterpriseId'),
    registrationNumber: text(data.registrationNumber, 'registrationNumber'),
    pledgeDate: parseBusinessDate(data.pledgeDate, 'pledgeDate'),
    loanMaturityDate: parseBusinessDate(data.loanMaturityDate, 'loanMaturityDate'),
    consentingOwnerIds: distinctIds(data.consentingOwnerIds, 'consentingOwnerIds', 0),
  };
  requirePledgeActor(metadata.actor, request.pledgeeBankId);
  notBefore(request.loanMaturityDate, request.pledgeDate, 'loanMaturityDate', 'pledgeDate', true);

  const reasons = pledgeRefusalReasons(state, request);
  if (reasons.length > 0) {
    const [first] = reasons;
    throw new ERROR_BY_CODE[first.code](first.message, { ipAssetId: request.ipAssetId, reasons });
  }
  if (state.status === 'unregistered' || isSamePledge(state.pledge, request)) return [];
  return [
    {
      type: 'PledgeRegistered',
      data: {
        ...request,
        ipAssetId: state.ipAssetId,
        ownerEnterpriseIds: state.ownerEnterpriseIds,
        assetExpiryDate: state.expiryDate,
      },
    },
  ];
}
