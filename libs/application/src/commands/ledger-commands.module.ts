import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@pledge-ledger/event-store';
import { CONTACT_VAULT, type ContactVault } from '../personal-data/contact-vault';
import { CLOCK, EVENT_STORE, systemClock, type Clock } from '../tokens';
import { withUpcasting } from '../upcasting-event-store';
import { LEDGER_COMMAND_HANDLERS } from './ledger-command-handlers';

export interface LedgerCommandsOptions {
  readonly store: EventStore;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Seals and erases contact persons; without it a command with a contact person fails. */
  readonly contactVault?: ContactVault;
}

/**
 * Every command handler of the ledger on the CommandBus. Imported as is, it expects EVENT_STORE
 * and CLOCK from a global module of the app; `forRoot` provides them itself (CLI, tests).
 * It re-exports CqrsModule, so an importer's CommandBus is the one the handlers are registered on.
 */
@Module({
  imports: [CqrsModule],
  providers: [...LEDGER_COMMAND_HANDLERS],
  exports: [CqrsModule],
})
export class LedgerCommandsModule {
  static forRoot(options: LedgerCommandsOptions): DynamicModule {
    return {
      module: LedgerCommandsModule,
      providers: [
        // Upcasting twice is harmless (an event already current is left as is), so a caller may pass either.
        { provide: EVENT_STORE, useValue: withUpcasting(options.store) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        ...(options.contactVault ? [{ provide: CONTACT_VAULT, useValue: options.contactVault }] : []),
      ],
      exports: [EVENT_STORE, CLOCK, ...(options.contactVault ? [CONTACT_VAULT] : [])],
    };
  }
}
