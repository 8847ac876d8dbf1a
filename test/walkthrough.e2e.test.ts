import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLedger, type LedgerProcess } from './support/ledger-process';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts/walkthrough.sh');

/**
 * The README's walk-through stays true: `scripts/walkthrough.sh` (the same curl calls) runs
 * against the built ledger on its embedded default, from minting tokens to the fund paying the
 * claim and getting its share of the recovery.
 *
 * Figures, by hand (DESIGN.md section 2; the policy of the walk-through):
 * - loan 2,000,000.00 at 12 %, 12 months, bullet: monthly interest 2,000,000.00 x 12 % / 12 = 20,000.00;
 *   the repayment of 35,000.00 pays that interest and 15,000.00 of principal, so the outstanding
 *   principal at default, the claim's principal loss, is 1,985,000.00;
 * - payout = min(40 % x 1,985,000.00 = 794,000.00, per-loan cap 750,000.00, bank's annual cap
 *   5,000,000.00, available 10,000,000.00) = 750,000.00 (two approvals: above 500,000.00);
 * - fund available after the payout: 10,000,000.00 - 750,000.00 = 9,250,000.00;
 * - recovery 300,000.00: the fund's share = 300,000.00 x 750,000.00 / 1,985,000.00 = 113,350.1259...,
 *   rounded down to the fen 113,350.12;
 * - fund available after the share: 9,250,000.00 + 113,350.12 = 9,363,350.12;
 * - written off: 1,985,000.00 - 300,000.00 = 1,685,000.00.
 */
describe('the README walk-through (scripts/walkthrough.sh)', () => {
  let dataDir: string;
  let ledger: LedgerProcess | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-walkthrough-'));
    ledger = await startLedger(storeEnv());
  });

  afterAll(async () => {
    await ledger?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The embedded default on the temp dir, whatever the environment running the tests says. */
  function storeEnv(): Record<string, string> {
    return {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_EVENT_STORE: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
      LEDGER_READ_STORE: `sqlite:${path.join(dataDir, 'read-models.sqlite')}`,
      LEDGER_PROJECTIONS: 'in-process',
    };
  }

  function runScript(): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        'bash',
        [SCRIPT],
        { cwd: ROOT, env: { ...process.env, ...storeEnv(), BASE_URL: ledger!.baseUrl }, timeout: 100_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  it('runs to the end against a fresh ledger: the claim paid, the fund repaid its share', async () => {
    const { code, stdout, stderr } = await runScript();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('the loan defaulted: 91 days past due, outstanding principal at default 1985000.00');
    expect(stdout).toContain('payout 750000.00 needs 2 approvals');
    expect(stdout).toContain('claim paid: 750000.00 on 2026-06-25 (principal loss 1985000.00)');
    expect(stdout).toContain('fund after payout: available 9250000.00, paid 750000.00');
    expect(stdout).toContain('fund after recovery: available 9363350.12, recovered 113350.12');
    expect(stdout).toContain('patent-1 enforced: disposed on 2026-09-01 for 300000.00');
    expect(stdout).toContain('the loan written-off, written off 1685000.00');
    expect(stdout).toContain('1 ClaimApproved by fm1, 2 ClaimApproved by fm2, 3 ClaimPaid');
    expect(stdout).toMatch(
      /walkthrough: done\. claim paid 750000\.00; recovery share 113350\.12; fund available 9363350\.12\n$/,
    );
  }, 120_000);

  it("runs what the README shows: the README section's command bodies are the script's, in order", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('## Walk-through: a claim paid, step by step')[1]?.split('\n## ')[0] ?? '';
    // A body naming the loan splices the shell's $LOAN in ('{"loanId":"'"$LOAN"'",...}'): read it as $LOAN.
    const bodies = (text: string): unknown[] =>
      [...text.replaceAll(`'"$LOAN"'`, '$LOAN').matchAll(/'(\{.*?\})'/g)].map((match) => JSON.parse(match[1]));

    expect(section).not.toBe('');
    expect(bodies(section)).toEqual(bodies(fs.readFileSync(SCRIPT, 'utf8')));
    expect(bodies(section)).toHaveLength(21);
  });

  it('fails loudly, naming the step, when run a second time on the same ledger', async () => {
    const { code, stderr } = await runScript();

    expect(code).not.toBe(0);
    expect(stderr).toContain('walkthrough: FAILED: POST /v1/banks answered 409, expected 201');
    expect(stderr).toContain('BANK.ALREADY_EXISTS');
  });
});
