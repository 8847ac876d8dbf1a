import { Inject, Optional } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { Command, CommandMetadata, Decider, DomainEvent } from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { earlierAttempt, executeCommand, type CommandResult } from '../aggregate-stream';
import type { Snapshots } from '../snapshots/snapshots';
import { CLOCK, EVENT_STORE, SNAPSHOTS, type Clock } from '../tokens';
import type { LedgerCommand } from './ledger-command';

/**
 * The shape of every command handler: turn the bus command into the domain command (loading
 * facts other aggregates own when the decision needs them), then load-decide-append on one
 * stream. Subclasses name the decider, the stream and the translation; nothing else.
 */
export abstract class AggregateCommandHandler<
  Cmd extends LedgerCommand<unknown>,
  C extends Command,
  E extends DomainEvent,
  S,
> implements ICommandHandler<LedgerCommand<unknown>> {
  protected abstract readonly decider: Decider<C, E, S>;
  /**
   * Decide again on a concurrent write, up to this many times. Zero unless deciding again on
   * newer state is safe for this command (the decider re-checks every rule against it).
   */
  protected readonly retries: number = 0;

  /**
   * Injected as a property, so subclasses' constructors stay as they are; absent (not provided,
   * or a handler built by hand in a test), every load folds the whole stream.
   */
  @Optional() @Inject(SNAPSHOTS) protected readonly snapshots: Snapshots | null = null;

  constructor(
    @Inject(EVENT_STORE) protected readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  protected abstract streamId(command: Cmd): string;
  protected abstract toDomain(command: Cmd, metadata: CommandMetadata): C | Promise<C>;

  async execute(command: Cmd): Promise<CommandResult> {
    const { idempotency } = command.context;
    const streamId = this.streamId(command);
    // A retry of a request cut off after its append gets that append's result, not a second effect.
    if (idempotency?.mayHaveRun) {
      const earlier = await earlierAttempt(this.store, streamId, idempotency.commandId);
      if (earlier) return earlier;
    }
    const metadata: CommandMetadata = { actor: command.context.actor, now: this.clock.now() };
    const domainCommand = await this.toDomain(command, metadata);
    return executeCommand(
      this.store,
      this.decider,
      streamId,
      domainCommand,
      {
        correlationId: command.context.correlationId,
        causationId: command.context.causationId,
        ...(idempotency ? { commandId: idempotency.commandId } : {}),
      },
      { expectedRevision: command.context.expectedRevision, retries: this.retries, snapshots: this.snapshots },
    );
  }
}
