import { domainError } from '@pledge-ledger/domain';

/** A data subject's own AES-256 key (32 bytes) and the id ciphertexts name it by. */
export interface DataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/**
 * Where personal data keys live: a mutable table beside the read models, never the event store,
 * so that destroying a key erases every ciphertext sealed with it (crypto-shredding) while the
 * history stays untouched. One key per subject; a destroyed key leaves a tombstone (no key
 * material) so that it is never silently re-created.
 */
export interface DataKeyStore {
  /** The subject's key, created on first use. PersonalDataErasedError once it was destroyed. */
  keyFor(subject: string): Promise<DataKey>;
  /** The key named `keyId`; null once destroyed (or when unknown). */
  find(keyId: string): Promise<Buffer | null>;
  /** Destroys the subject's key, recording when; false when it was destroyed already. */
  destroy(subject: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}

/** New personal data for a subject whose key was destroyed: it was erased, and stays so. */
export class PersonalDataErasedError extends domainError('PERSONAL_DATA.ERASED') {}

export function personalDataErased(subject: string): PersonalDataErasedError {
  return new PersonalDataErasedError(`The personal data of ${subject} was erased; it cannot be given again`, {
    subject,
  });
}

/** Injection token of the process's DataKeyStore (LEDGER_READ_STORE's backend). */
export const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');
