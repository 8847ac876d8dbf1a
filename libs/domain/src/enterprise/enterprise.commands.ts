import type { BusinessDate } from '../shared/business-date';
import type { Command } from '../shared/decider';
import type { SealedContact } from './enterprise.contact';

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** 高新技术企业, 专精特新"小巨人", 科技型中小企业. */
export const CERTIFICATIONS = ['high-tech', 'little-giant', 'tech-sme'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/**
 * Business facts, and the contact person only sealed: the register is replayed forever, so
 * personal data never enters an event in clear (enterprise.contact.ts).
 */
export type RegisterEnterprise = Command<
  'RegisterEnterprise',
  {
    readonly enterpriseId: string;
    readonly name: string;
    /** Unified social credit code, validated and normalised (GB 32100-2015). */
    readonly creditCode: string;
    /** Region of registration, e.g. "Fujian/Fuzhou" or an administrative division code. */
    readonly region: string;
    readonly size: EnterpriseSize;
    /** Sealed by the application with the contact person's data key; absent or null for none. */
    readonly contact?: SealedContact | null;
  }
>;

export type GrantCertification = Command<
  'GrantCertification',
  {
    readonly enterpriseId: string;
    readonly certification: Certification;
    readonly grantDate: BusinessDate;
    /** Last day the certification is valid; null or absent when it does not expire. */
    readonly expiryDate?: BusinessDate | null;
  }
>;

export type RevokeCertification = Command<
  'RevokeCertification',
  {
    readonly enterpriseId: string;
    readonly certification: Certification;
    readonly revocationDate: BusinessDate;
    readonly reason: string;
  }
>;

/** Why a contact person is erased: a code, never free text (which could itself hold personal data). */
export const CONTACT_ERASURE_REASONS = [
  'subject-request',
  'retention-ended',
  'contact-changed',
  'legal-order',
] as const;
export type ContactErasureReason = (typeof CONTACT_ERASURE_REASONS)[number];

/** Records that the contact person's data key was destroyed (the application destroys it first). */
export type EraseEnterpriseContact = Command<
  'EraseEnterpriseContact',
  { readonly enterpriseId: string; readonly reason: ContactErasureReason }
>;

export type EnterpriseCommand = RegisterEnterprise | GrantCertification | RevokeCertification | EraseEnterpriseContact;
