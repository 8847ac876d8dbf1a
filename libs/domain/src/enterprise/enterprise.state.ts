import type { BusinessDate } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import type { Certification, EnterpriseSize } from './enterprise.commands';
import type { EnterpriseEvent } from './enterprise.events';

export interface HeldCertification {
  readonly grantDate: BusinessDate;
  /** Last day of validity, or null when it does not expire. */
  readonly expiryDate: BusinessDate | null;
}

export type EnterpriseState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly enterpriseId: string;
      readonly name: string;
      readonly creditCode: string;
      readonly region: string;
      readonly size: EnterpriseSize;
      /** The contact person: none given, held sealed under `keyId`, or erased (key destroyed). */
      readonly contact: ContactStatus;
      /** The latest grant of each certification not revoked since; it may have expired (see holdsCertification). */
      readonly certifications: Readonly<Partial<Record<Certification, HeldCertification>>>;
    };

export type ContactStatus =
  | { readonly status: 'none' }
  | { readonly status: 'held'; readonly keyId: string }
  | { readonly status: 'erased'; readonly keyId: string };

export const initialEnterpriseState: EnterpriseState = { status: 'unregistered' };

export function evolveEnterprise(state: EnterpriseState, event: EnterpriseEvent): EnterpriseState {
  switch (event.type) {
    case 'EnterpriseRegistered': {
      const { contact, ...facts } = event.data;
      const held: ContactStatus = contact ? { status: 'held', keyId: contact.keyId } : { status: 'none' };
      return { status: 'registered', ...facts, contact: held, certifications: {} };
    }
    case 'EnterpriseCertificationGranted': {
      if (state.status !== 'registered') return state;
      const { certification, grantDate, expiryDate } = event.data;
      return { ...state, certifications: { ...state.certifications, [certification]: { grantDate, expiryDate } } };
    }
    case 'EnterpriseCertificationRevoked': {
      if (state.status !== 'registered') return state;
      const { [event.data.certification]: _revoked, ...rest } = state.certifications;
      return { ...state, certifications: rest };
    }
    case 'EnterpriseContactErased':
      if (state.status !== 'registered') return state;
      return { ...state, contact: { status: 'erased', keyId: event.data.keyId } };
    default:
      return assertNever(event);
  }
}

/** Whether the enterprise holds the certification on `date` (granted on or before, not expired, not revoked). */
export function holdsCertification(state: EnterpriseState, certification: Certification, date: BusinessDate): boolean {
  if (state.status !== 'registered') return false;
  const held = state.certifications[certification];
  return held !== undefined && held.grantDate <= date && (held.expiryDate === null || date <= held.expiryDate);
}

/** The certifications held on `date`, e.g. for the fund's eligibility check. */
export function certificationsHeldOn(state: EnterpriseState, date: BusinessDate): Certification[] {
  return (Object.keys(state.status === 'registered' ? state.certifications : {}) as Certification[]).filter((c) =>
    holdsCertification(state, c, date),
  );
}
