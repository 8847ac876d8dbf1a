import type { BusinessDate } from '../shared/business-date';
import type { DomainEvent } from '../shared/decider';
import type { Certification, EnterpriseSize } from './enterprise.commands';

export type EnterpriseRegistered = DomainEvent<
  'EnterpriseRegistered',
  {
    readonly enterpriseId: string;
    readonly name: string;
    readonly creditCode: string;
    readonly region: string;
    readonly size: EnterpriseSize;
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

export type EnterpriseEvent = EnterpriseRegistered | EnterpriseCertificationGranted | EnterpriseCertificationRevoked;
