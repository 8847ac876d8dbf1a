import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { commandOutcome, LedgerMetrics } from './ledger-metrics';

const WRAPPED = Symbol('ledger:command-bus-metrics');

/**
 * Times every command at the CommandBus, whoever sends it (a route or a process manager), rather
 * than in each handler: `execute` of the one bus instance is wrapped once, at module init.
 */
@Injectable()
export class CommandBusMetrics implements OnModuleInit {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(LedgerMetrics) private readonly metrics: LedgerMetrics,
  ) {}

  onModuleInit(): void {
    instrumentCommandBus(this.bus, this.metrics);
  }
}

export function instrumentCommandBus(bus: CommandBus, metrics: LedgerMetrics): void {
  const target = bus as CommandBus & { [WRAPPED]?: true };
  if (target[WRAPPED]) return;
  target[WRAPPED] = true;
  const execute = bus.execute.bind(bus) as (command: object, ...rest: unknown[]) => Promise<unknown>;
  const timed = async (command: object, ...rest: unknown[]): Promise<unknown> => {
    const name = command?.constructor?.name ?? 'unknown';
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await execute(command, ...rest);
      metrics.recordCommand(name, seconds(), 'ok', result);
      return result;
    } catch (error) {
      metrics.recordCommand(name, seconds(), commandOutcome(error));
      throw error;
    }
  };
  bus.execute = timed as CommandBus['execute'];
}
