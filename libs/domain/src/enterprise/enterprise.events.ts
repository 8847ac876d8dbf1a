import type { BusinessDate } from '../shared/business-date';
import type { DomainEvent } from '../shared/decider';
import type { Certification, ContactErasureReason, EnterpriseSize } from './enterprise.commands';
import type { SealedContact } from './enterprise.contact';

export type EnterpriseRegistered = DomainEvent<
  'EnterpriseRegistered',
  {
    readonly enterpriseId: string;
    readonly name: string;
    readonly creditCode: string;
    readonly region: string;
    readonly size: EnterpriseSize;
    /** Schema v2: the contact person sealed with their data key, or null (none given; every v1 event). */
    readonly contact: SealedContact | null;
  }
>;

export type EnterpriseCertificationGranted = DomainEvent<
  'EnterpriseCertificationGranted',
  {
    readonly enterpriseId: string;
    readonly certification: Certification;
    readonly grantDate: BusinessDate;
    /** Last day of validity, or null when it does not expire. */
    readonly expiryDate: BusinessDate | null;
  }
>;

export type EnterpriseCertificationRevoked = DomainEvent<
  'EnterpriseCertificationRevoked',
  {
    readonly enterpriseId: string;
    readonly certification: Certification;
    readonly revocationDate: BusinessDate;
    readonly reason: string;
  }
>;

/**
 * The contact person's data key was destroyed: the sealed contact in EnterpriseRegistered can no
 * longer be read by anyone. Carries no personal data; when it happened is the event's recordedAt.
 */
export type EnterpriseContactErased = DomainEvent<
  'EnterpriseContactErased',
  {
    readonly enterpriseId: string;
    /** The destroyed key's id (the one the sealed contact names). */
    readonly keyId: string;
    readonly reason: ContactErasureReason;
  }
>;

export type EnterpriseEvent =
  EnterpriseRegistered | EnterpriseCertificationGranted | EnterpriseCertificationRevoked | EnterpriseContactErased;
