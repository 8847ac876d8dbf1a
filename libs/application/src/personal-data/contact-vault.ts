import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ContactDetails, SealedContact } from '@pledge-ledger/domain';
import type { DataKeyStore } from './data-key-store';

const ALGORITHM = 'aes-256-gcm';

/** The data subject a contact person is filed under: one per enterprise. */
export const contactSubject = (enterpriseId: string): string => `enterprise-contact:${enterpriseId}`;

/** Binds a ciphertext to its enterprise and key: moved to another enterprise's event, it does not open. */
const associatedData = (enterpriseId: string, keyId: string) => Buffer.from(`${enterpriseId}\n${keyId}`, 'utf8');

/**
 * Seals and opens an enterprise's contact person with the person's own data key (AES-256-GCM,
 * a fresh 96-bit IV per seal), and erases it by destroying the key.
 */
export class ContactVault {
  constructor(private readonly keys: DataKeyStore) {}

  async seal(enterpriseId: string, contact: ContactDetails): Promise<SealedContact> {
    const { keyId, key } = await this.keys.keyFor(contactSubject(enterpriseId));
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(associatedData(enterpriseId, keyId));
    const plaintext = JSON.stringify({ name: contact.name, phone: contact.phone, email: contact.email });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /**
   * The contact in clear; null once its key was destroyed (erased). A ciphertext that does not
   * authenticate under its key was altered: that throws, it is never shown as erased.
   */
  async open(enterpriseId: string, sealed: SealedContact): Promise<ContactDetails | null> {
    const key = await this.keys.find(sealed.keyId);
    if (key === null) return null;
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associatedData(enterpriseId, sealed.keyId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    const { name, phone, email } = JSON.parse(plaintext.toString('utf8')) as ContactDetails;
    return { name, phone, email };
  }

  /** Destroys the key of the enterprise's contact person; false when it was destroyed already. */
  erase(enterpriseId: string, at: string): Promise<boolean> {
    return this.keys.destroy(contactSubject(enterpriseId), at);
  }
}

/** Injection token of the ContactVault (absent from processes that never handle personal data). */
export const CONTACT_VAULT = Symbol('CONTACT_VAULT');
