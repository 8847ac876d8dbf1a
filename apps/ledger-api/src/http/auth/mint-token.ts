import jwt from 'jsonwebtoken';
import type { JwtConfig } from '../../config/ledger-config';
import type { JwtKey } from './jwt-key';
import type { TokenRole } from './jwt-verifier';

export interface TokenRequest {
  readonly sub: string;
  readonly role: TokenRole;
  readonly bankId?: string;
  readonly enterpriseId?: string;
  /** Seconds, or a duration like `8h`, `30m`, `7d`. */
  readonly expiresIn: number | string;
}

/**
 * Signs a token for local use with the server's own HS256 secret. With an RS256 key the server
 * holds only the public half: tokens then come from the identity provider that has the private one.
 */
export function mintToken(
  request: TokenRequest,
  key: JwtKey,
  claims: Pick<JwtConfig, 'issuer' | 'audience'> = {},
): string {
  if (key.algorithm !== 'HS256') {
    throw new Error('The ledger checks RS256 tokens with a public key only: mint them with your identity provider');
  }
  const payload: Record<string, string> = { role: request.role };
  if (request.bankId !== undefined) payload.bankId = request.bankId;
  if (request.enterpriseId !== undefined) payload.enterpriseId = request.enterpriseId;
  return jwt.sign(payload, key.secret, {
    algorithm: 'HS256',
    subject: request.sub,
    expiresIn: request.expiresIn as jwt.SignOptions['expiresIn'],
    ...(claims.issuer ? { issuer: claims.issuer } : {}),
    ...(claims.audience ? { audience: claims.audience } : {}),
  });
}
