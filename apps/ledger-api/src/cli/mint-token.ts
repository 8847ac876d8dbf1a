import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/ledger-config';
import { resolveJwtKey } from '../http/auth/jwt-key';
import { mintToken } from '../http/auth/mint-token';
import { JwtVerifier, TOKEN_ROLES, type TokenRole } from '../http/auth/jwt-verifier';

const USAGE = `Usage: npm run token -- --role <role> --sub <person> [--bank-id <id>] [--enterprise-id <id>] [--expires-in 8h]
  --role           ${TOKEN_ROLES.join(' | ')}
  --sub            who the token speaks for, e.g. alice
  --bank-id        required for --role bank: the bank it acts for
  --enterprise-id  required for --role enterprise: the enterprise it acts for
  --expires-in     seconds or a duration: 90s, 30m, 8h, 7d (default 8h)
Signs with the ledger's own HS256 secret: LEDGER_JWT_SECRET, or on the embedded default the
secret in $LEDGER_DATA_DIR/jwt-secret (created if missing). Reads the same settings as the server.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Mints a token from command-line arguments and the server's settings; the token is checked as the server would. */
export function mintTokenFromArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        'bank-id': { type: 'string' },
        'enterprise-id': { type: 'string' },
        'expires-in': { type: 'string', default: '8h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const problems: string[] = [];
  const role = values.role as TokenRole | undefined;
  if (role === undefined || !TOKEN_ROLES.includes(role))
    problems.push(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
  if (!values.sub) problems.push('--sub is required (who the token speaks for)');
  if (role === 'bank' && !values['bank-id']) problems.push('--bank-id is required for a bank token');
  if (role === 'enterprise' && !values['enterprise-id'])
    problems.push('--enterprise-id is required for an enterprise token');
  if (values['bank-id'] && role !== 'bank') problems.push('--bank-id is only for --role bank');
  if (values['enterprise-id'] && role !== 'enterprise') problems.push('--enterprise-id is only for --role enterprise');
  const expiresText = values['expires-in'];
  if (!/^[1-9]\d{0,8}[smhd]?$/.test(expiresText))
    problems.push('--expires-in must be seconds or a duration like 30m, 8h, 7d');
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const config = loadConfig(env);
  const key = resolveJwtKey(config.jwt.key);
  const token = mintToken(
    {
      sub: values.sub!,
      role: role!,
      ...(values['bank-id'] ? { bankId: values['bank-id'] } : {}),
      ...(values['enterprise-id'] ? { enterpriseId: values['enterprise-id'] } : {}),
      expiresIn: /^\d+$/.test(expiresText) ? Number(expiresText) : expiresText,
    },
    key,
    config.jwt,
  );
  // A token the server would refuse (e.g. a malformed bank id) is a mistake to report now, not at the first call.
  new JwtVerifier(key, config.jwt).verify(token);
  return token;
}

if (require.main === module) {
  try {
    process.stdout.write(`${mintTokenFromArgs(process.argv.slice(2))}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(64); // EX_USAGE
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
