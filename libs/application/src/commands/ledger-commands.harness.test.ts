/**
 * Test support for the command handlers' integration tests (not a test itself: jest runs only
 * `*.int.test.ts` and `*.spec.ts`, and the `.test.ts` suffix keeps it out of the library build).
 * Boots LedgerCommandsModule on a real SQLite file or a fresh PostgreSQL schema with a fixed clock,
 * and drives the ledger through the CommandBus only.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor, DomainError, FundPolicyData } from '@pledge-ledger/domain';
import { ledgerEventSchemas } from '@pledge-ledger/domain';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '@pledge-ledger/event-store';
import { PostgresEventStore, SqliteEventStore } from '@pledge-ledger/event-store';
import { createTestSchema } from '../../../../test/support/postgres';
import type { CommandResult } from '../aggregate-stream';
import type { Clock } from '../tokens';
import { AdmitBankCommand } from './risk-funds/admit-bank/admit-bank.command';
import { ContributeCapitalCommand } from './risk-funds/contribute-capital/contribute-capital.command';
import { EstablishFundCommand } from './risk-funds/establish-fund/establish-fund.command';
import { PublishFundPolicyCommand } from './risk-funds/publish-fund-policy/publish-fund-policy.command';
import { RegisterBankCommand } from './banks/register-bank/register-bank.command';
import { RegisterEnterpriseCommand } from './enterprises/register-enterprise/register-enterprise.command';
import { DisburseLoanCommand } from './loans/disburse-loan/disburse-loan.command';
import { OriginateLoanCommand } from './loans/originate-loan/originate-loan.command';
import { SecurePledgesCommand } from './loans/secure-pledges/secure-pledges.command';
import { LedgerCommandsModule } from './ledger-commands.module';
import type { LedgerCommand } from './ledger-command';
import type { RequestContext } from './request-context';

export const STORE_KINDS = ['SQLite', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The fixed clock: every event's recordedAt. */
export const NOW = '2026-07-01T08:30:00.000Z';
const fixedClock: Clock = { now: () => NOW };

/**
 * Holds appends to one stream until that many reads of it have happened, so two commands are
 * sure to decide on the same revision: a deterministic race.
 */
export class GatedEventStore implements EventStore {
  private gate: { streamId: string; reads: number; needed: number; open: () => void; opened: Promise<void> } | null =
    null;

  constructor(private readonly inner: EventStore) {}

  holdAppendsUntilReads(streamId: string, needed: number): void {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.gate = { streamId, reads: 0, needed, open, opened };
  }

  clearGate(): void {
    this.gate?.open();
    this.gate = null;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    if (this.gate?.streamId === streamId && ++this.gate.reads >= this.gate.needed) this.gate.open();
    return events;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.gate?.streamId === streamId) await this.gate.opened;
    return this.inner.append(streamId, events, expected);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }
  subscribeToAll(options: SubscribeOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }
  streamRevision(streamId: string): ReturnType<EventStore['streamRevision']> {
    return this.inner.streamRevision(streamId);
  }
  headPosition(): ReturnType<EventStore['headPosition']> {
    return this.inner.headPosition();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

export interface TestLedger {
  readonly store: GatedEventStore;
  run(command: LedgerCommand<unknown>): Promise<CommandResult>;
  events(streamId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

async function openStore(kind: StoreKind): Promise<{ store: EventStore; dispose: () => Promise<void> }> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-commands-'));
    const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
    return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = await createTestSchema();
  const store = await PostgresEventStore.open({ connectionString: schema.url, schema: schema.schema });
  return { store, dispose: () => schema.drop() };
}

export async function openTestLedger(kind: StoreKind): Promise<TestLedger> {
  const { store: inner, dispose } = await openStore(kind);
  const store = new GatedEventStore(inner);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(LedgerCommandsModule.forRoot({ store, clock: fixedClock }), {
      logger: false,
    });
  } catch (error) {
    await inner.close();
    await dispose();
    throw error;
  }
  const bus = app.get(CommandBus);
  return {
    store,
    run: (command) => bus.execute(command),
    events: (streamId) => inner.readStream(streamId),
    close: async () => {
      await app.close();
      await inner.close();
      await dispose();
    },
  };
}

export const admin: Actor = { sub: 'admin-1', role: 'admin' };
export const fundManager: Actor = { sub: 'fm-alice', role: 'fund-manager' };
export const secondFundManager: Actor = { sub: 'fm-bob', role: 'fund-manager' };
export const system: Actor = { sub: 'system', role: 'system' };
export const bankOfficer = (bankId: string): Actor => ({ sub: `officer-of-${bankId}`, role: 'bank', bankId });

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function context(
  actor: Actor,
  options: { expectedRevision?: number; causationId?: string | null; correlationId?: string } = {},
): RequestContext {
  return {
    actor,
    correlationId: options.correlationId ?? uniqueId('corr'),
    causationId: options.causationId ?? null,
    ...(options.expectedRevision === undefined ? {} : { expectedRevision: options.expectedRevision }),
  };
}

/** The promise rejects with that DomainError subclass, carrying its stable code. */
export async function expectRefusal(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => DomainError,
  code: string,
): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${errorClass.name} (${code}), but the command succeeded`);
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(errorClass);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

// ---- Scenario steps, through the bus -------------------------------------------------------

export const CREDIT_CODE = '91350100M000100Y43';

export async function registerEnterprise(ledger: TestLedger, size: 'micro' | 'small' | 'medium' = 'small') {
  const enterpriseId = uniqueId('ent');
  await ledger.run(
    new RegisterEnterpriseCommand(
      { enterpriseId, name: 'Minjiang Photonics', creditCode: CREDIT_CODE, region: 'Fujian/Fuzhou', size },
      context(admin),
    ),
  );
  return enterpriseId;
}

export async function registerBank(ledger: TestLedger) {
  const bankId = uniqueId('bank');
  await ledger.run(
    new RegisterBankCommand(
      { bankId, name: 'Fuzhou Rural Commercial Bank', creditCode: '91330100716105852F' },
      context(admin),
    ),
  );
  return bankId;
}

/** 1,000,000.00 at 12 % for 6 months, bullet: interest due monthly from 2026-02-15, principal at maturity. */
export const LOAN_TERMS = {
  principal: '1000000.00',
  annualRateBps: 1200,
  termMonths: 6,
  repaymentMethod: 'bullet',
  originationDate: '2026-01-10',
} as const;

/** What the bank states for each asset it pledges: the CNIPA registration number and co-owner consents. */
export function pledgeOf(assetId: string) {
  return { assetId, registrationNumber: `ZX-2026-${assetId}`, consentingOwnerIds: [] };
}

export async function originateLoan(
  ledger: TestLedger,
  parties: { bankId: string; enterpriseId: string; assetIds?: string[] },
) {
  const loanId = uniqueId('loan');
  await ledger.run(
    new OriginateLoanCommand(
      {
        loanId,
        bankId: parties.bankId,
        enterpriseId: parties.enterpriseId,
        ...LOAN_TERMS,
        pledges: (parties.assetIds ?? [uniqueId('asset')]).map(pledgeOf),
      },
      context(bankOfficer(parties.bankId)),
    ),
  );
  return loanId;
}

/** A registered bank and enterprise, a loan originated, its pledge secured and disbursed on 2026-01-15. */
export async function disbursedLoan(ledger: TestLedger) {
  const bankId = await registerBank(ledger);
  const enterpriseId = await registerEnterprise(ledger);
  const assetId = uniqueId('asset');
  const loanId = await originateLoan(ledger, { bankId, enterpriseId, assetIds: [assetId] });
  await ledger.run(
    new SecurePledgesCommand(
      { loanId, pledges: [{ assetId, registrationNumber: `ZX-2026-${assetId}`, registeredOn: '2026-01-12' }] },
      context(system),
    ),
  );
  await ledger.run(new DisburseLoanCommand({ loanId, valueDate: '2026-01-15' }, context(bankOfficer(bankId))));
  return { bankId, enterpriseId, loanId, assetId };
}

export function policy(overrides: Partial<FundPolicyData> = {}): FundPolicyData {
  return {
    version: 1,
    coverageTiers: [
      { upToPrincipal: '5000000.00', ratioBps: 4000 },
      { upToPrincipal: '15000000.00', ratioBps: 3000 },
      { upToPrincipal: '30000000.00', ratioBps: 2000 },
    ],
    perLoanCap: '3000000.00',
    perBankAnnualCap: '5000000.00',
    defaultThresholdDays: 90,
    bankSuspensionBadLoanRatioBps: 500,
    eligibleEnterpriseSizes: ['micro', 'small'],
    eligibleCertifications: [],
    maxLoanPrincipal: '30000000.00',
    dualApprovalThreshold: '1000000.00',
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}

/** A fund established, capitalised with 10,000,000.00, its policy published and the bank admitted. */
export async function fundAdmitting(ledger: TestLedger, bankId: string, overrides: Partial<FundPolicyData> = {}) {
  const fundId = uniqueId('fund');
  const asManager = context(fundManager);
  await ledger.run(
    new EstablishFundCommand(
      { fundId, name: 'Provincial IP pledge risk fund', establishedOn: '2026-01-01' },
      asManager,
    ),
  );
  await ledger.run(
    new ContributeCapitalCommand(
      { fundId, contributor: 'Provincial finance department', amount: '10000000.00', valueDate: '2026-01-05' },
      asManager,
    ),
  );
  await ledger.run(new PublishFundPolicyCommand({ fundId, ...policy(overrides) }, asManager));
  await ledger.run(new AdmitBankCommand({ fundId, bankId, admittedOn: '2026-01-06' }, asManager));
  return fundId;
}

/** Metadata every event written by a command carries. */
export function expectMetadata(event: RecordedEvent, ctx: RequestContext): void {
  expect(event.metadata).toEqual({
    eventId: expect.any(String),
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    recordedAt: NOW,
    schemaVersion: ledgerEventSchemas.currentVersion(event.type),
  });
}
