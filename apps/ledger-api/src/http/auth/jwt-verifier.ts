import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Actor } from '@pledge-ledger/domain';
import type { JwtConfig } from '../../config/ledger-config';
import { UnauthenticatedError } from '../errors/http-error';
import type { JwtKey } from './jwt-key';

/** Roles a token may carry. `system` is the process managers' own actor and never comes from outside. */
export const TOKEN_ROLES = ['admin', 'bank', 'enterprise', 'fund-manager', 'auditor'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const MAX_SUBJECT_LENGTH = 200;

/** The tenant ids a token carries are ids like any other: the same safe pattern. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks a bearer token and reads the Actor from it. The algorithm is pinned to the configured
 * key's, so `none` or an HS256 token signed with an RS256 public key is refused; `exp` is
 * required and honoured; `iss` / `aud` when configured.
 */
export class JwtVerifier {
  /**
   * The key as a KeyObject, built once: given a string, `jsonwebtoken` first tries
   * `createPublicKey` on every call (which throws for a secret) before `createSecretKey`, and that
   * was about an eighth of the API's CPU per command.
   */
  private readonly keyObject: KeyObject;
  private readonly options: jwt.VerifyOptions & { complete?: false };

  constructor(key: JwtKey, claims: Pick<JwtConfig, 'issuer' | 'audience'> = {}) {
    this.keyObject = keyObjectOf(key);
    this.options = {
      algorithms: [key.algorithm],
      ...(claims.issuer ? { issuer: claims.issuer } : {}),
      ...(claims.audience ? { audience: claims.audience } : {}),
    };
  }

  verify(token: string): Actor {
    let payload: string | jwt.JwtPayload;
    try {
      // A copy: jsonwebtoken may write into the options it is given.
      payload = jwt.verify(token, this.keyObject, { ...this.options });
    } catch (error) {
      throw new UnauthenticatedError(reasonOf(error));
    }
    if (typeof payload === 'string') throw new UnauthenticatedError('The token carries no claims');
    return actorOf(payload);
  }
}

function keyObjectOf(key: JwtKey): KeyObject {
  if (key.algorithm === 'HS256') return createSecretKey(Buffer.from(key.secret, 'utf8'));
  try {
    return createPublicKey(key.publicKey);
  } catch (error) {
    throw new Error(`The RS256 public key is not a readable public key: ${(error as Error).message}`);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return `The token expired at ${error.expiredAt.toISOString()}`;
  if (error instanceof jwt.NotBeforeError) return `The token is not valid before ${error.date.toISOString()}`;
  if (error instanceof jwt.JsonWebTokenError) return `The token is not valid: ${error.message}`;
  return 'The token is not valid';
}

/** The claims a token must have; each missing or wrong one is named. */
export function actorOf(claims: jwt.JwtPayload): Actor {
  const { sub, role, bankId, enterpriseId, exp } = claims as Record<string, unknown>;
  if (typeof exp !== 'number') throw new UnauthenticatedError('The token has no expiry (exp)');
  if (typeof sub !== 'string' || sub.trim() === '') throw new UnauthenticatedError('The token has no subject (sub)');
  // The subject is written into every event's metadata: a person's name or id, not a document.
  if (sub.length > MAX_SUBJECT_LENGTH) {
    throw new UnauthenticatedError(`The token's subject (sub) is longer than ${MAX_SUBJECT_LENGTH} characters`);
  }
  if (!TOKEN_ROLES.includes(role as TokenRole)) {
    throw new UnauthenticatedError(`The token's role ${JSON.stringify(role)} is not one of ${TOKEN_ROLES.join(', ')}`);
  }
  if (role === 'bank') {
    if (typeof bankId !== 'string' || !TENANT_ID.test(bankId)) {
      throw new UnauthenticatedError('A bank token must carry the bank it acts for (bankId)');
    }
    return { sub, role, bankId };
  }
  if (role === 'enterprise') {
    if (typeof enterpriseId !== 'string' || !TENANT_ID.test(enterpriseId)) {
      throw new UnauthenticatedError('An enterprise token must carry the enterprise it acts for (enterpriseId)');
    }
    return { sub, role, enterpriseId };
  }
  return { sub, role: role as TokenRole };
}
