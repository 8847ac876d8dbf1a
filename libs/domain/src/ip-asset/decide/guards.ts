import { ForbiddenError, requireRole } from '../../shared/authorization';
import type { Actor } from '../../shared/decider';
import {
  IpAssetDisposedError,
  IpAssetInvalidatedError,
  IpAssetNotFoundError,
  InvalidIpAssetInputError,
} from '../ip-asset.errors';
import type { IpAssetState, RegisteredIpAsset } from '../ip-asset.state';

export function registered(state: IpAssetState, ipAssetId: string): RegisteredIpAsset {
  if (state.status === 'unregistered') {
    throw new IpAssetNotFoundError(`IP asset ${ipAssetId} is not registered`, { ipAssetId });
  }
  return state;
}

/** Legal status and valuations are recorded only for an asset still in the register and not void. */
export function inForce(state: IpAssetState, ipAssetId: string): Extract<IpAssetState, { status: 'in-force' }> {
  const asset = registered(state, ipAssetId);
  if (asset.status === 'disposed') {
    throw new IpAssetDisposedError(
      `IP asset ${asset.ipAssetId} was sold in recovery of loan ${asset.disposal.loanId} on ${asset.disposal.enforcementDate}`,
      { ipAssetId: asset.ipAssetId },
    );
  }
  if (asset.status === 'invalidated') {
    throw new IpAssetInvalidatedError(`IP asset ${asset.ipAssetId} was invalidated on ${asset.invalidationDate}`, {
      ipAssetId: asset.ipAssetId,
    });
  }
  return asset;
}

/** Pledge commands come from the pledging process manager, or from the pledgee bank for its own loan. */
export function requirePledgeActor(actor: Actor, pledgeeBankId: string): void {
  requireRole(actor, 'system', 'bank');
  if (actor.role === 'bank' && actor.bankId !== pledgeeBankId) {
    throw new ForbiddenError(`Bank ${actor.bankId ?? '(none)'} may not act on a pledge to bank ${pledgeeBankId}`, {
      role: actor.role,
    });
  }
}

export function text(value: unknown, field: string, maxLength = 200): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '' || trimmed.length > maxLength) {
    throw new InvalidIpAssetInputError(`${field} must be text of 1 to ${maxLength} characters`, { field });
  }
  return trimmed;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw new InvalidIpAssetInputError(`${field} must be one of ${allowed.join(', ')}, got "${String(value)}"`, {
      field,
    });
  }
  return value as T;
}

/** A list of distinct ids; `minLength` 1 for owners, 0 for consents. */
export function distinctIds(value: unknown, field: string, minLength: number): string[] {
  if (!Array.isArray(value) || value.length < minLength) {
    throw new InvalidIpAssetInputError(`${field} must be a list of at least ${minLength} id(s)`, { field });
  }
  const ids = value.map((id: unknown) => text(id, field));
  if (new Set(ids).size !== ids.length) {
    throw new InvalidIpAssetInputError(`${field} must not repeat an id`, { field });
  }
  return ids;
}

/** `later` must be on or after `earlier` (or strictly after). */
export function notBefore(later: string, earlier: string, field: string, what: string, strict = false): void {
  if (strict ? later <= earlier : later < earlier) {
    throw new InvalidIpAssetInputError(
      `${field} ${later} must be ${strict ? 'after' : 'on or after'} ${what} ${earlier}`,
      {
        field,
      },
    );
  }
}
