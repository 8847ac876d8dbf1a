import type { Upcaster } from '../shared/upcasting';

/** Older shapes of the enterprise's events, each upcast one version up. */
export const enterpriseUpcasters: readonly Upcaster[] = [
  // v2 added the contact person, sealed (enterprise.contact.ts); nothing registered before had one.
  { type: 'EnterpriseRegistered', fromVersion: 1, upcast: (data) => ({ ...data, contact: null }) },
];
