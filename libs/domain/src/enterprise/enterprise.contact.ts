/**
 * The enterprise's contact person: personal data of a person, so it never enters an event in
 * clear (docs/personal-data.md). Commands carry it sealed with the person's own data key, which
 * lives outside the event store; destroying that key erases the contact from every copy of the
 * history at once (crypto-shredding) without editing an event.
 */
export interface ContactDetails {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

/** AES-256-GCM output, base64: what EnterpriseRegistered (v2) stores instead of the contact. */
export interface SealedContact {
  /** Id of the data key in the key store; never the key itself. */
  readonly keyId: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The sealed contact if `value` has its shape, else null. */
export function asSealedContact(value: unknown): SealedContact | null {
  if (typeof value !== 'object' || value === null) return null;
  const { keyId, iv, ciphertext, tag } = value as Record<string, unknown>;
  const ok =
    typeof keyId === 'string' &&
    keyId.length > 0 &&
    keyId.length <= 100 &&
    [iv, ciphertext, tag].every((part) => typeof part === 'string' && part.length <= 4000 && BASE64.test(part));
  return ok ? ({ keyId, iv, ciphertext, tag } as SealedContact) : null;
}
