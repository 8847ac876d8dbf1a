import { requireRole } from '../shared/authorization';
import { parseBusinessDate } from '../shared/business-date';
import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { validateUnifiedSocialCreditCode } from '../identifiers/unified-social-credit-code';
import type {
  EnterpriseCommand,
  EraseEnterpriseContact,
  GrantCertification,
  RegisterEnterprise,
  RevokeCertification,
} from './enterprise.commands';
import { CERTIFICATIONS, CONTACT_ERASURE_REASONS, ENTERPRISE_SIZES } from './enterprise.commands';
import { asSealedContact, type SealedContact } from './enterprise.contact';
import {
  CertificationAlreadyHeldError,
  CertificationNotHeldError,
  EnterpriseAlreadyExistsError,
  EnterpriseNotFoundError,
  InvalidEnterpriseInputError,
} from './enterprise.errors';
import type { EnterpriseEvent } from './enterprise.events';
import type { EnterpriseState } from './enterprise.state';
import { evolveEnterprise, holdsCertification, initialEnterpriseState } from './enterprise.state';

export const enterpriseStreamId = (enterpriseId: string): string => `enterprise-${enterpriseId}`;

type Registered = Extract<EnterpriseState, { status: 'registered' }>;

function registerEnterprise({ data, metadata }: RegisterEnterprise, state: EnterpriseState): EnterpriseEvent[] {
  requireRole(metadata.actor, 'admin');
  const enterpriseId = text(data.enterpriseId, 'enterpriseId');
  const name = text(data.name, 'name');
  const creditCode = validateUnifiedSocialCreditCode(data.creditCode);
  const region = text(data.region, 'region');
  const size = oneOf(data.size, ENTERPRISE_SIZES, 'size');
  const contact = sealedContact(data.contact);
  if (state.status !== 'unregistered') {
    throw new EnterpriseAlreadyExistsError(`Enterprise ${enterpriseId} is already registered`, { enterpriseId });
  }
  return [{ type: 'EnterpriseRegistered', data: { enterpriseId, name, creditCode, region, size, contact } }];
}

/** Only a sealed contact ever reaches an event: anything else (a contact in clear, say) is refused. */
function sealedContact(value: unknown): SealedContact | null {
  if (value === undefined || value === null) return null;
  const sealed = asSealedContact(value);
  if (!sealed) {
    throw new InvalidEnterpriseInputError('contact must be sealed (keyId, iv, ciphertext, tag), never in clear', {
      field: 'contact',
    });
  }
  return sealed;
}

/** Idempotent: nothing to record when no contact is held (none given, or already erased). */
function eraseContact({ data, metadata }: EraseEnterpriseContact, state: EnterpriseState): EnterpriseEvent[] {
  requireRole(metadata.actor, 'admin');
  const reason = oneOf(data.reason, CONTACT_ERASURE_REASONS, 'reason');
  const enterprise = registered(state, data.enterpriseId);
  if (enterprise.contact.status !== 'held') return [];
  return [
    {
      type: 'EnterpriseContactErased',
      data: { enterpriseId: enterprise.enterpriseId, keyId: enterprise.contact.keyId, reason },
    },
  ];
}

function grantCertification({ data, metadata }: GrantCertification, state: EnterpriseState): EnterpriseEvent[] {
  requireRole(metadata.actor, 'admin');
  const certification = oneOf(data.certification, CERTIFICATIONS, 'certification');
  const grantDate = parseBusinessDate(data.grantDate, 'grantDate');
  const expiryDate =
    data.expiryDate === undefined || data.expiryDate === null ? null : parseBusinessDate(data.expiryDate, 'expiryDate');
  if (expiryDate !== null && expiryDate <= grantDate) {
    throw new InvalidEnterpriseInputError(`expiryDate ${expiryDate} must be after grantDate ${grantDate}`, {
      field: 'expiryDate',
    });
  }
  const enterprise = registered(state, data.enterpriseId);
  const held = enterprise.certifications[certification];
  // A renewal is a new grant once the previous one has expired; overlapping grants are refused.
  if (held && (held.expiryDate === null || grantDate <= held.expiryDate)) {
    throw new CertificationAlreadyHeldError(
      `Enterprise ${enterprise.enterpriseId} already holds ${certification} (granted ${held.grantDate}${held.expiryDate ? `, valid until ${held.expiryDate}` : ''})`,
      { enterpriseId: enterprise.enterpriseId, certification },
    );
  }
  return [
    {
      type: 'EnterpriseCertificationGranted',
      data: { enterpriseId: enterprise.enterpriseId, certification, grantDate, expiryDate },
    },
  ];
}

function revokeCertification({ data, metadata }: RevokeCertification, state: EnterpriseState): EnterpriseEvent[] {
  requireRole(metadata.actor, 'admin');
  const certification = oneOf(data.certification, CERTIFICATIONS, 'certification');
  const revocationDate = parseBusinessDate(data.revocationDate, 'revocationDate');
  const reason = text(data.reason, 'reason');
  const enterprise = registered(state, data.enterpriseId);
  if (!holdsCertification(enterprise, certification, revocationDate)) {
    throw new CertificationNotHeldError(
      `Enterprise ${enterprise.enterpriseId} does not hold ${certification} on ${revocationDate}, so it cannot be revoked`,
      { enterpriseId: enterprise.enterpriseId, certification },
    );
  }
  return [
    {
      type: 'EnterpriseCertificationRevoked',
      data: { enterpriseId: enterprise.enterpriseId, certification, revocationDate, reason },
    },
  ];
}

function registered(state: EnterpriseState, enterpriseId: string): Registered {
  if (state.status !== 'registered') {
    throw new EnterpriseNotFoundError(`Enterprise ${enterpriseId} is not registered`, { enterpriseId });
  }
  return state;
}

function text(value: unknown, field: string): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '' || trimmed.length > 200) {
    throw new InvalidEnterpriseInputError(`${field} must be text of 1 to 200 characters`, { field });
  }
  return trimmed;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw new InvalidEnterpriseInputError(`${field} must be one of ${allowed.join(', ')}, got "${String(value)}"`, {
      field,
    });
  }
  return value as T;
}

export function decideEnterprise(command: EnterpriseCommand, state: EnterpriseState): EnterpriseEvent[] {
  switch (command.type) {
    case 'RegisterEnterprise':
      return registerEnterprise(command, state);
    case 'GrantCertification':
      return grantCertification(command, state);
    case 'RevokeCertification':
      return revokeCertification(command, state);
    case 'EraseEnterpriseContact':
      return eraseContact(command, state);
    default:
      return assertNever(command);
  }
}

export const enterpriseDecider: Decider<EnterpriseCommand, EnterpriseEvent, EnterpriseState> = {
  initialState: initialEnterpriseState,
  evolve: evolveEnterprise,
  decide: decideEnterprise,
};
