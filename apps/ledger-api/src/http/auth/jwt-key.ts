import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JwtKeyConfig } from '../../config/ledger-config';

/** The key tokens are checked (and, for HS256, signed) with. */
export type JwtKey =
  | { readonly algorithm: 'HS256'; readonly secret: string; readonly file?: string }
  | { readonly algorithm: 'RS256'; readonly publicKey: string };

/**
 * Turns the configured key into the key itself. The embedded default keeps a random secret in
 * `$LEDGER_DATA_DIR/jwt-secret` (created on first use, readable by its owner only) so tokens
 * minted with `npm run token` survive restarts. Two processes starting at once agree: the file is
 * created exclusively and the loser reads the winner's.
 */
export function resolveJwtKey(config: JwtKeyConfig): JwtKey {
  if (config.algorithm === 'RS256') return { algorithm: 'RS256', publicKey: config.publicKey };
  if (config.source === 'setting') return { algorithm: 'HS256', secret: config.secret };
  return { algorithm: 'HS256', secret: readOrCreateSecret(config.file), file: config.file };
}

function readOrCreateSecret(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new Error(`${file} holds a secret of ${secret.length} characters; delete it to get a new one`);
  return secret;
}
