import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { bankStreamId } from '@pledge-ledger/domain';
import { SqliteEventStore } from '@pledge-ledger/event-store';
import { CLOCK, EVENT_STORE } from '../tokens';
import { RegisterBankCommand } from './banks/register-bank/register-bank.command';
import { admin, context, NOW } from './ledger-commands.harness.test';
import { LedgerCommandsModule } from './ledger-commands.module';

/** The app's way: EVENT_STORE and CLOCK from a global module, the handlers' module imported as is. */
describe('LedgerCommandsModule imported without forRoot', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-module-'));
    store = await SqliteEventStore.open(path.join(dir, 'events.db'));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves the store and the clock provided globally, also beside CqrsModule.forRoot()', async () => {
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: { now: () => NOW } },
      ],
      exports: [EVENT_STORE, CLOCK],
    })
    class InfrastructureModule {}

    @Module({ imports: [CqrsModule.forRoot(), InfrastructureModule, LedgerCommandsModule] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const result = await app
        .get(CommandBus)
        .execute(
          new RegisterBankCommand(
            { bankId: 'bank-m', name: 'Module Bank', creditCode: '91330100716105852F' },
            context(admin),
          ),
        );
      expect(result).toMatchObject({ streamId: bankStreamId('bank-m'), revision: 0 });
      const [event] = await store.readStream(bankStreamId('bank-m'));
      expect(event.metadata.recordedAt).toBe(NOW);
    } finally {
      await app.close();
    }
  });
});
