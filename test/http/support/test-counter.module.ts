import { Body, Controller, Get, Inject, Module, Param, Post } from '@nestjs/common';
import {
  executeCommand,
  loadAggregate,
  EVENT_STORE,
  CLOCK,
  type Clock,
  type RequestContext,
} from '@pledge-ledger/application';
import { domainError, type Command, type Decider, type DomainEvent } from '@pledge-ledger/domain';
import { ConcurrencyError, type EventStore } from '@pledge-ledger/event-store';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  ApiCommand,
  CommandResponse,
  CurrentActor,
  CurrentContext,
  IsBusinessDate,
  IsCreditCode,
  IsLedgerId,
  IsMoney,
  IsPatentNumber,
  ParseLedgerIdPipe,
  Roles,
  WithRevision,
} from '../../../apps/ledger-api/src/http';
import type { Actor } from '@pledge-ledger/domain';

/**
 * TEST ONLY: a tiny aggregate and controller that exercise the HTTP machinery end to end on the
 * real event store, without depending on any product endpoint.
 */
type CounterCommand =
  Command<'OpenCounter', { counterId: string; amount: string }> | Command<'Increment', { amount: string }>;
type CounterEvent =
  DomainEvent<'CounterOpened', { amount: string }> | DomainEvent<'CounterIncremented', { amount: string }>;
type CounterState = { status: 'none' } | { status: 'open'; increments: number };

class CounterAlreadyOpenError extends domainError('COUNTER.ALREADY_OPEN') {}
class CounterNotFoundError extends domainError('COUNTER.NOT_FOUND', 'not-found') {}

const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { status: 'none' },
  evolve: (state, event) =>
    event.type === 'CounterOpened'
      ? { status: 'open', increments: 0 }
      : { status: 'open', increments: state.status === 'open' ? state.increments + 1 : 1 },
  decide: (command, state) => {
    if (command.type === 'OpenCounter') {
      if (state.status !== 'none') {
        throw new CounterAlreadyOpenError(`Counter ${command.data.counterId} is already open`, {
          counterId: command.data.counterId,
        });
      }
      return [{ type: 'CounterOpened', data: { amount: command.data.amount } }];
    }
    if (state.status === 'none') throw new CounterNotFoundError('No such counter');
    return [{ type: 'CounterIncremented', data: { amount: command.data.amount } }];
  },
};

export const counterStreamId = (id: string): string => `test_counter-${id}`;

export class OpenCounterDto {
  @IsLedgerId()
  counterId!: string;

  @IsMoney({ positive: true })
  amount!: string;

  @IsBusinessDate()
  openedOn!: string;

  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @IsOptional()
  @IsPatentNumber()
  patentNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5_000_000)
  note?: string;

  /** Makes the handler take this long: to hold an idempotency key while another request arrives. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  delayMs?: number;
}

export class IncrementDto {
  @IsMoney({ positive: true })
  amount!: string;
}

@Controller('test/counters')
@Roles('bank')
export class TestCounterController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Open a counter (test only)',
    created: true,
    body: { type: OpenCounterDto, example: { counterId: 'c1', amount: '1250000.00', openedOn: '2025-03-01' } },
  })
  async open(@Body() dto: OpenCounterDto, @CurrentContext() context: RequestContext): Promise<CommandResponse> {
    if (dto.delayMs) await new Promise((resolve) => setTimeout(resolve, dto.delayMs));
    const result = await this.execute(dto.counterId, context, {
      type: 'OpenCounter',
      data: { counterId: dto.counterId, amount: dto.amount },
    });
    return CommandResponse.created(dto.counterId, result);
  }

  @Post(':id/increments')
  @ApiCommand({ summary: 'Increment a counter (test only)' })
  async increment(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: IncrementDto,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.execute(id, context, { type: 'Increment', data: { amount: dto.amount } });
    return CommandResponse.ok(id, result);
  }

  /** A server fault: the answer is a generic 500 and an idempotency key is released for a retry. */
  @Post(':id/faults')
  fault(): never {
    throw new Error('disk on fire (internal detail the caller must not see)');
  }

  /** Always loses a race with another writer (409 CONCURRENCY.CONFLICT without If-Match). */
  @Post(':id/races')
  race(@Param('id', ParseLedgerIdPipe) id: string): never {
    throw new ConcurrencyError(counterStreamId(id), 0, 1);
  }

  @Get(':id')
  @Roles('bank', 'auditor')
  async read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<WithRevision<unknown>> {
    const { state, revision } = await loadAggregate(this.store, counterDecider, counterStreamId(id));
    if (state.status === 'none') throw new CounterNotFoundError(`No counter ${id}`);
    return new WithRevision(revision, { id, ...state, readBy: actor.sub });
  }

  private execute(id: string, context: RequestContext, command: Omit<CounterCommand, 'metadata'>) {
    return executeCommand(
      this.store,
      counterDecider,
      counterStreamId(id),
      { ...command, metadata: { actor: context.actor, now: this.clock.now() } } as CounterCommand,
      { correlationId: context.correlationId, causationId: context.causationId },
      { expectedRevision: context.expectedRevision },
    );
  }
}

@Module({ controllers: [TestCounterController] })
export class TestCounterModule {}
