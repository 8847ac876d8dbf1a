import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../aggregate-stream';
import type { RequestContext } from './request-context';

/** Base of every @nestjs/cqrs command: the command's data as the domain defines it, and who asks. */
export abstract class LedgerCommand<Data> extends Command<CommandResult> {
  constructor(
    readonly data: Data,
    readonly context: RequestContext,
  ) {
    super();
  }
}
