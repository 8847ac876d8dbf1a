import { createPublicKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSnapshotEvery } from '@pledge-ledger/application';

/**
 * Every setting the ledger reads, validated once at start. A wrong value stops the process
 * with a message naming the setting (see README "Settings").
 */
export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStoreUrl: string;
  readonly readStoreUrl: string;
  readonly logLevel: LogLevel;
  readonly jwt: JwtConfig;
  /** Where projections and process managers run: in this process, or `off` (apps/projector runs them). */
  readonly projections: ProjectionsMode;
  /** Longest a read with `?minPosition=` waits for the projections before answering 503. */
  readonly readWaitMs: number;
  /** LEDGER_SNAPSHOT_EVERY: a stream's snapshot is written each time it grows by this many events; 0, none. */
  readonly snapshotEvery: number;
}

export type ProjectionsMode = 'in-process' | 'off';
const PROJECTIONS_MODES: readonly ProjectionsMode[] = ['in-process', 'off'];

/** Bounds of LEDGER_READ_WAIT_MS: a request holding a connection longer than this is a fault, not a wait. */
export const MAX_READ_WAIT_MS = 30_000;

/** How bearer tokens are checked: exactly one key, so one algorithm (never `none`, never a mix). */
export interface JwtConfig {
  readonly key: JwtKeyConfig;
  /** When set, a token must carry this `iss`. */
  readonly issuer?: string;
  /** When set, a token's `aud` must include this. */
  readonly audience?: string;
}

export type JwtKeyConfig =
  /** LEDGER_JWT_SECRET. */
  | { readonly algorithm: 'HS256'; readonly source: 'setting'; readonly secret: string }
  /** The embedded default: a random secret kept in this file, created on first start. */
  | { readonly algorithm: 'HS256'; readonly source: 'data-dir'; readonly file: string }
  /** LEDGER_JWT_PUBLIC_KEY: tokens come from an identity provider holding the private key. */
  | { readonly algorithm: 'RS256'; readonly source: 'setting'; readonly publicKey: string };

/** HS256 needs at least as many bytes of secret as the hash has (RFC 7518 section 3.2). */
export const MIN_JWT_SECRET_LENGTH = 32;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const EVENT_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:', 'esdb:', 'esdb+discover:', 'kurrentdb:'];
const READ_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:'];

function checkStoreUrl(name: string, value: string, schemes: readonly string[], problems: string[]): void {
  const scheme = /^[a-z+]+:/.exec(value)?.[0];
  if (!scheme || !schemes.includes(scheme)) {
    problems.push(`${name}="${value}" must start with one of ${schemes.join(', ')} (e.g. sqlite:./data/events.sqlite)`);
    return;
  }
  if (scheme === 'sqlite:' && value.length === 'sqlite:'.length) problems.push(`${name}="${value}" names no file`);
  if (scheme !== 'sqlite:') {
    try {
      new URL(value);
    } catch {
      problems.push(`${name}="${value}" is not a valid URL`);
    }
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) problems.push(`PORT="${portText}" must be a whole number from 1 to 65535`);

  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty');

  const dataDir = path.resolve(env.LEDGER_DATA_DIR ?? './data');
  if ((env.LEDGER_DATA_DIR ?? 'x').trim() === '') problems.push('LEDGER_DATA_DIR must not be empty');

  const eventStoreUrl = env.LEDGER_EVENT_STORE ?? `sqlite:${path.join(dataDir, 'events.sqlite')}`;
  checkStoreUrl('LEDGER_EVENT_STORE', eventStoreUrl, EVENT_STORE_SCHEMES, problems);

  const readStoreUrl = env.LEDGER_READ_STORE ?? `sqlite:${path.join(dataDir, 'read-models.sqlite')}`;
  checkStoreUrl('LEDGER_READ_STORE', readStoreUrl, READ_STORE_SCHEMES, problems);

  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);

  const jwt = readJwtConfig(env, dataDir, [eventStoreUrl, readStoreUrl], problems);

  const projections = (env.LEDGER_PROJECTIONS ?? 'in-process') as ProjectionsMode;
  if (!PROJECTIONS_MODES.includes(projections))
    problems.push(`LEDGER_PROJECTIONS="${env.LEDGER_PROJECTIONS}" must be one of ${PROJECTIONS_MODES.join(', ')}`);

  const readWaitText = env.LEDGER_READ_WAIT_MS ?? '5000';
  const readWaitMs = /^\d{1,6}$/.test(readWaitText) ? Number(readWaitText) : NaN;
  if (!(readWaitMs >= 0 && readWaitMs <= MAX_READ_WAIT_MS))
    problems.push(
      `LEDGER_READ_WAIT_MS="${readWaitText}" must be a whole number of milliseconds from 0 to ${MAX_READ_WAIT_MS}`,
    );

  const snapshots = readSnapshotEvery(env);
  if ('problem' in snapshots) problems.push(snapshots.problem);
  const snapshotEvery = 'every' in snapshots ? snapshots.every : 0;

  if (problems.length > 0 || jwt === undefined) throw new ConfigError(problems);
  return { port, host, dataDir, eventStoreUrl, readStoreUrl, logLevel, jwt, projections, readWaitMs, snapshotEvery };
}

function readJwtConfig(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  storeUrls: readonly string[],
  problems: string[],
): JwtConfig | undefined {
  const secret = env.LEDGER_JWT_SECRET;
  const publicKeySetting = env.LEDGER_JWT_PUBLIC_KEY;
  const optional = (name: string): string | undefined => {
    const value = env[name];
    if (value !== undefined && value.trim() === '') problems.push(`${name} must not be empty when set`);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const issuer = optional('LEDGER_JWT_ISSUER');
  const audience = optional('LEDGER_JWT_AUDIENCE');
  const withClaims = (key: JwtKeyConfig): JwtConfig => ({
    key,
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
  });

  if (secret !== undefined && publicKeySetting !== undefined) {
    problems.push(
      'LEDGER_JWT_SECRET and LEDGER_JWT_PUBLIC_KEY are both set: choose HS256 (secret) or RS256 (public key)',
    );
    return undefined;
  }
  if (secret !== undefined) {
    if (secret.length < MIN_JWT_SECRET_LENGTH) {
      problems.push(
        `LEDGER_JWT_SECRET is ${secret.length} characters; it must have at least ${MIN_JWT_SECRET_LENGTH} (e.g. openssl rand -hex 32)`,
      );
      return undefined;
    }
    return withClaims({ algorithm: 'HS256', source: 'setting', secret });
  }
  if (publicKeySetting !== undefined) {
    const publicKey = readPublicKey(publicKeySetting, problems);
    return publicKey === undefined ? undefined : withClaims({ algorithm: 'RS256', source: 'setting', publicKey });
  }
  // Only a ledger wholly on local SQLite files may keep its own secret: several processes or hosts
  // sharing PostgreSQL or EventStoreDB must agree on one key, so it has to be a setting.
  const shared = storeUrls.filter((url) => !url.startsWith('sqlite:'));
  if (shared.length > 0) {
    problems.push(
      'LEDGER_JWT_SECRET (HS256) or LEDGER_JWT_PUBLIC_KEY (RS256) must be set when a store is not the embedded SQLite default',
    );
    return undefined;
  }
  return withClaims({ algorithm: 'HS256', source: 'data-dir', file: path.join(dataDir, 'jwt-secret') });
}

/** LEDGER_JWT_PUBLIC_KEY holds a PEM or the path of a PEM file; either way it must be an RSA public key. */
function readPublicKey(setting: string, problems: string[]): string | undefined {
  const isPem = setting.trimStart().startsWith('-----BEGIN');
  let pem = setting;
  if (!isPem) {
    try {
      pem = fs.readFileSync(setting, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      problems.push(`LEDGER_JWT_PUBLIC_KEY="${setting}" is neither a PEM nor a readable file (${reason})`);
      return undefined;
    }
  }
  const shown = isPem ? '(PEM)' : `"${setting}"`;
  if (pem.includes('PRIVATE KEY')) {
    problems.push(`LEDGER_JWT_PUBLIC_KEY=${shown} holds a private key: give the server only the public key`);
    return undefined;
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') {
      problems.push(`LEDGER_JWT_PUBLIC_KEY=${shown} is a ${key.asymmetricKeyType} key; RS256 needs an RSA public key`);
      return undefined;
    }
  } catch {
    problems.push(`LEDGER_JWT_PUBLIC_KEY=${shown} is not a PEM public key`);
    return undefined;
  }
  return pem;
}
