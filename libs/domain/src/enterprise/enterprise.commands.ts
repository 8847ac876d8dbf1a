import type { BusinessDate } from '../shared/business-date';
import type { Command } from '../shared/decider';

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** 高新技术企业, 专精特新"小巨人", 科技型中小企业. */
export const CERTIFICATIONS = ['high-tech', 'little-giant', 'tech-sme'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/**
 * Only business facts: the register is public to banks and replayed forever, so contact details
 * and other personal data never enter a command or an event of this aggregate.
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

export type EnterpriseCommand = RegisterEnterprise | GrantCertification | RevokeCertification;
