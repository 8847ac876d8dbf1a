#!/usr/bin/env node
/* global process */
/**
 * An independent check of a Pledge Ledger export (docs/export-format.md), written from the
 * documents alone and importing nothing from the ledger's code: only Node's own modules.
 *
 *   node tools/verify-export.mjs ledger.ndjson            a report for people
 *   node tools/verify-export.mjs ledger.ndjson --json     the same as one JSON object
 *   ... | node tools/verify-export.mjs -                   the export on standard input
 *
 * It checks the file's shape (a header, event lines in global order, a trailer whose counts match),
 * recomputes every stream's hash chain and names the first broken link, and recomputes the trial
 * balance from the posting rules of docs/chart-of-accounts.md: every entry, the whole ledger and
 * each party's books must balance. Exit status: 0 when all holds, 1 when a chain is broken or the
 * books do not balance, 2 when the file cannot be read as an export.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const GENESIS_HASH = '0'.repeat(64);

// --- Hash chain (docs/export-format.md, "Hashes") -------------------------------------------

/** RFC 8785 canonical JSON for the values an event holds: keys sorted by UTF-16 code units, no whitespace. */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

function sha256Hex(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function eventHash(previousHash, event) {
  const digest = sha256Hex(
    canonicalJson({ data: event.data, metadata: event.metadata, streamId: event.streamId, type: event.type }),
  );
  return sha256Hex(`${previousHash}\n${event.revision}\n${digest}`);
}

// --- Money: two-decimal strings to integer fen, never a float -------------------------------

const MONEY = /^(-)?(\d+)\.(\d{2})$/;

function fen(text, where) {
  const match = typeof text === 'string' ? MONEY.exec(text) : null;
  if (!match) throw new FormatError(`${where}: "${text}" is not a two-decimal amount`);
  const value = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -value : value;
}

function money(value) {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

// --- Posting rules (docs/chart-of-accounts.md, "Posting rules") -------------------------------

/** The lines an event posts: [account, debit, credit] in fen; none for events that move no money. */
function postings(event, enterpriseOfLoan, where) {
  const d = event.data;
  const amount = (field) => fen(d[field], `${where} ${field}`);
  const enterpriseOf = (loanId) => {
    const enterpriseId = enterpriseOfLoan.get(loanId);
    if (enterpriseId === undefined) throw new FormatError(`${where}: no LoanOriginated before it for loan "${loanId}"`);
    return enterpriseId;
  };
  const dr = (owner, key, value) => [`${owner}:${key}`, value, 0n];
  const cr = (owner, key, value) => [`${owner}:${key}`, 0n, value];
  const fund = `fund:${d.fundId}`;
  const bank = `bank:${d.bankId}`;
  switch (event.type) {
    case 'FundCapitalContributed':
      return [dr(fund, 'cash', amount('amount')), cr(fund, 'capital', amount('amount'))];
    case 'LoanDisbursed': {
      const enterprise = `enterprise:${d.enterpriseId}`;
      return [
        dr(bank, 'loans-receivable', amount('amount')),
        cr(bank, 'cash', amount('amount')),
        dr(enterprise, 'cash', amount('amount')),
        cr(enterprise, 'loans-payable', amount('amount')),
      ];
    }
    case 'RepaymentReceived': {
      const enterprise = `enterprise:${enterpriseOf(d.loanId)}`;
      return [
        dr(bank, 'cash', amount('amount')),
        cr(bank, 'loans-receivable', amount('principal')),
        cr(bank, 'interest-income', amount('interest')),
        dr(enterprise, 'loans-payable', amount('principal')),
        dr(enterprise, 'interest-expense', amount('interest')),
        cr(enterprise, 'cash', amount('amount')),
      ];
    }
    case 'CompensationPaid':
      return [
        dr(fund, 'compensation-expense', amount('amount')),
        cr(fund, 'cash', amount('amount')),
        dr(bank, 'cash', amount('amount')),
        cr(bank, 'compensation-income', amount('amount')),
      ];
    case 'RecoveryRecorded': {
      const enterprise = `enterprise:${enterpriseOf(d.loanId)}`;
      return [
        dr(bank, 'cash', amount('netAmount')),
        dr(bank, 'recovery-costs', amount('costs')),
        cr(bank, 'loans-receivable', amount('amount')),
        dr(enterprise, 'loans-payable', amount('amount')),
        cr(enterprise, d.source === 'borrower' ? 'cash' : 'settled-by-recovery', amount('amount')),
      ];
    }
    case 'RecoveryShareReceived':
      return [
        dr(fund, 'cash', amount('amount')),
        cr(fund, 'recovery-share-income', amount('amount')),
        dr(bank, 'recovery-share-expense', amount('amount')),
        cr(bank, 'cash', amount('amount')),
      ];
    case 'LoanWrittenOff':
      return [dr(bank, 'loan-losses', amount('amount')), cr(bank, 'loans-receivable', amount('amount'))];
    default:
      return [];
  }
}

/** The party of an account code `<kind>:<owner id>:<key>` (owner ids may hold ':'). */
function partyOf(account) {
  return account.slice(0, account.lastIndexOf(':'));
}

// --- Reading the export -----------------------------------------------------------------------

class FormatError extends Error {}

async function* lines(path) {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number += 1;
    if (text.trim() === '') continue;
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new FormatError(`line ${number}: not JSON (${error.message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new FormatError(`line ${number}: not a JSON object`);
    }
    yield { number, value };
  }
}

/** "N" or "COMMIT/PREPARE" as [commit, prepare]. */
function parsePosition(text, where) {
  const match = typeof text === 'string' ? /^(\d{1,20})(?:\/(\d{1,20}))?$/.exec(text) : null;
  if (!match) throw new FormatError(`${where}: position "${text}" is not "N" or "COMMIT/PREPARE"`);
  const commit = BigInt(match[1]);
  return [commit, match[2] === undefined ? commit : BigInt(match[2])];
}

function after(a, b) {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

export async function verifyExport(path) {
  const heads = new Map();
  const enterpriseOfLoan = new Map();
  const totals = new Map();
  let header = null;
  let trailer = null;
  let events = 0;
  let entries = 0;
  let firstBrokenLink = null;
  let unbalancedEntry = null;
  let lastPosition = null;

  for await (const { number, value } of lines(path)) {
    const where = `line ${number}`;
    if (trailer) throw new FormatError(`${where}: a line after the trailer`);
    if (!header) {
      if (value.kind !== 'header' || value.format !== 'pledge-ledger/export' || value.formatVersion !== 1) {
        throw new FormatError(`${where}: expected the header of a pledge-ledger/export, formatVersion 1`);
      }
      header = value;
      continue;
    }
    if (value.kind === 'trailer') {
      trailer = value;
      continue;
    }
    if (value.kind !== 'event') throw new FormatError(`${where}: unknown line kind "${value.kind}"`);
    const event = value;
    for (const field of ['streamId', 'type', 'hash']) {
      if (typeof event[field] !== 'string') throw new FormatError(`${where}: ${field} is not a string`);
    }
    if (!Number.isSafeInteger(event.revision) || event.revision < 0) {
      throw new FormatError(`${where}: revision is not a non-negative integer`);
    }
    const position = parsePosition(event.position, where);
    if (lastPosition && !after(position, lastPosition)) {
      throw new FormatError(`${where}: position ${event.position} is not after the previous event's`);
    }
    lastPosition = position;
    events += 1;

    if (!firstBrokenLink) {
      const head = heads.get(event.streamId);
      const expectedRevision = head ? head.revision + 1 : 0;
      if (event.revision !== expectedRevision) {
        firstBrokenLink = {
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          reason: 'revision',
          expected: String(expectedRevision),
          found: String(event.revision),
        };
      } else {
        const expected = eventHash(head ? head.hash : GENESIS_HASH, event);
        if (expected !== event.hash) {
          firstBrokenLink = {
            streamId: event.streamId,
            revision: event.revision,
            position: event.position,
            reason: 'hash',
            expected,
            found: event.hash,
          };
        }
      }
      heads.set(event.streamId, { revision: event.revision, hash: event.hash });
    }

    if (event.type === 'LoanOriginated') enterpriseOfLoan.set(event.data.loanId, event.data.enterpriseId);
    // Lines of zero are left out (an interest-only repayment's principal, a recovery without costs).
    const posted = postings(event, enterpriseOfLoan, `${where} (${event.type})`).filter(
      ([, debit, credit]) => debit !== 0n || credit !== 0n,
    );
    if (posted.length === 0) continue;
    entries += 1;
    const net = new Map();
    for (const [account, debit, credit] of posted) {
      if (debit < 0n || credit < 0n) throw new FormatError(`${where}: a negative amount posts to ${account}`);
      const total = totals.get(account) ?? { debit: 0n, credit: 0n };
      totals.set(account, { debit: total.debit + debit, credit: total.credit + credit });
      net.set(partyOf(account), (net.get(partyOf(account)) ?? 0n) + debit - credit);
    }
    const off = [...net].filter(([, amount]) => amount !== 0n).map(([party]) => party);
    if (off.length > 0 && !unbalancedEntry) unbalancedEntry = { line: number, type: event.type, parties: off };
  }

  if (!header) throw new FormatError('the file is empty: no header');
  if (!trailer) throw new FormatError('no trailer: the export is incomplete');
  if (trailer.events !== events) {
    throw new FormatError(`the trailer counts ${trailer.events} events, the file holds ${events}`);
  }
  if (trailer.streams !== heads.size && !firstBrokenLink) {
    throw new FormatError(`the trailer counts ${trailer.streams} streams, the file holds ${heads.size}`);
  }

  const accounts = [...totals.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((account) => {
      const { debit, credit } = totals.get(account);
      return { account, debit: money(debit), credit: money(credit), balance: money(debit - credit) };
    });
  let debit = 0n;
  let credit = 0n;
  const parties = new Map();
  for (const [account, total] of totals) {
    debit += total.debit;
    credit += total.credit;
    parties.set(partyOf(account), (parties.get(partyOf(account)) ?? 0n) + total.debit - total.credit);
  }
  const unbalancedParties = [...parties].filter(([, amount]) => amount !== 0n).map(([party]) => party);
  const balanced = debit === credit && unbalancedParties.length === 0 && !unbalancedEntry;
  return {
    ok: !firstBrokenLink && balanced,
    source: header.source ?? null,
    events,
    streams: heads.size,
    firstBrokenLink,
    trialBalance: {
      entries,
      balanced,
      unbalancedEntry,
      unbalancedParties,
      accounts,
      totals: { debit: money(debit), credit: money(credit), balance: money(debit - credit) },
    },
  };
}

function report(result) {
  const out = [];
  out.push(`export of ${result.source ?? 'an unnamed store'}: ${result.events} events in ${result.streams} streams`);
  if (result.firstBrokenLink) {
    const link = result.firstBrokenLink;
    out.push(`hash chains: BROKEN at ${link.streamId} revision ${link.revision} (position ${link.position})`);
    out.push(`  ${link.reason === 'hash' ? 'hash' : 'revision'} expected ${link.expected}, found ${link.found}`);
  } else {
    out.push('hash chains: every link holds');
  }
  const trial = result.trialBalance;
  out.push(`trial balance: ${trial.entries} entries, ${trial.accounts.length} accounts`);
  const width = Math.max(7, ...trial.accounts.map((row) => row.account.length));
  for (const row of trial.accounts) {
    out.push(
      `  ${row.account.padEnd(width)} ${row.debit.padStart(18)} ${row.credit.padStart(18)} ${row.balance.padStart(18)}`,
    );
  }
  out.push(
    `  ${'total'.padEnd(width)} ${trial.totals.debit.padStart(18)} ${trial.totals.credit.padStart(18)} ${trial.totals.balance.padStart(18)}`,
  );
  if (trial.unbalancedEntry) {
    out.push(
      `  entry at line ${trial.unbalancedEntry.line} (${trial.unbalancedEntry.type}) does not balance for ${trial.unbalancedEntry.parties.join(', ')}`,
    );
  }
  if (trial.unbalancedParties.length > 0)
    out.push(`  books that do not balance: ${trial.unbalancedParties.join(', ')}`);
  out.push(trial.balanced ? 'books: balanced' : 'books: DO NOT BALANCE');
  out.push(result.ok ? 'OK' : 'FAILED');
  return `${out.join('\n')}\n`;
}

async function main(argv) {
  const json = argv.includes('--json');
  const paths = argv.filter((arg) => arg !== '--json');
  if (paths.length !== 1) {
    process.stderr.write('usage: node verify-export.mjs <export.ndjson | -> [--json]\n');
    return 2;
  }
  try {
    const result = await verifyExport(paths[0]);
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : report(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof FormatError) && error?.code !== 'ENOENT') throw error;
    process.stderr.write(`not a readable export: ${error.message}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
