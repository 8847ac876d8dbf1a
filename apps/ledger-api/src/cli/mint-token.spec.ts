import jwt from 'jsonwebtoken';
import { ConfigError } from '../config/ledger-config';
import { mintTokenFromArgs, UsageError } from './mint-token';

const env = { LEDGER_JWT_SECRET: 'k'.repeat(40) };

function usageProblem(args: string[]): string {
  try {
    mintTokenFromArgs(args, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('a token was minted');
}

describe('npm run token (mintTokenFromArgs)', () => {
  it('mints a bank token with the server secret, valid for 8 hours by default', () => {
    const token = mintTokenFromArgs(['--role', 'bank', '--bank-id', 'B1', '--sub', 'alice'], env);
    const claims = jwt.verify(token, env.LEDGER_JWT_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: 'alice', role: 'bank', bankId: 'B1' });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('takes --enterprise-id, --expires-in and the configured issuer and audience', () => {
    const token = mintTokenFromArgs(
      ['--role', 'enterprise', '--enterprise-id', 'E1', '--sub', 'eve', '--expires-in', '30m'],
      {
        ...env,
        LEDGER_JWT_ISSUER: 'ledger-local',
        LEDGER_JWT_AUDIENCE: 'ledger',
      },
    );
    const claims = jwt.decode(token) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      sub: 'eve',
      role: 'enterprise',
      enterpriseId: 'E1',
      iss: 'ledger-local',
      aud: 'ledger',
    });
    expect(claims.exp! - claims.iat!).toBe(1800);
    expect(jwt.decode(mintTokenFromArgs(['--role', 'admin', '--sub', 'a', '--expires-in', '90'], env))).toMatchObject({
      exp: expect.any(Number),
    });
  });

  it.each<[string[], RegExp]>([
    [['--sub', 'a'], /--role must be one of admin, bank, enterprise, fund-manager, auditor/],
    [['--role', 'system', '--sub', 'a'], /--role must be one of/],
    [['--role', 'admin'], /--sub is required/],
    [['--role', 'bank', '--sub', 'a'], /--bank-id is required for a bank token/],
    [['--role', 'enterprise', '--sub', 'a'], /--enterprise-id is required/],
    [['--role', 'admin', '--sub', 'a', '--bank-id', 'B1'], /--bank-id is only for --role bank/],
    [['--role', 'admin', '--sub', 'a', '--expires-in', '1 week'], /--expires-in must be/],
    [['--role', 'admin', '--sub', 'a', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j', (args, message) => {
    expect(usageProblem(args)).toMatch(message);
  });

  it('refuses a bank id the server would refuse, before handing the token out', () => {
    expect(() => mintTokenFromArgs(['--role', 'bank', '--bank-id', '../B1', '--sub', 'a'], env)).toThrow(/bankId/);
  });

  it('reads the same settings as the server and stops on a wrong one', () => {
    expect(() => mintTokenFromArgs(['--role', 'admin', '--sub', 'a'], { LEDGER_JWT_SECRET: 'short' })).toThrow(
      ConfigError,
    );
  });
});
