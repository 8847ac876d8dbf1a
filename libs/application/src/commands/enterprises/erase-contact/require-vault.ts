import type { ContactVault } from '../../../personal-data/contact-vault';

/** A process without a key store (the projector, most tests) cannot take personal data: say so. */
export function requireVault(vault: ContactVault | undefined): ContactVault {
  if (!vault) {
    throw new Error('This process has no personal data key store (CONTACT_VAULT): it cannot handle a contact person');
  }
  return vault;
}
