import type { CommandResult } from '@pledge-ledger/application';
import { formatPosition } from '@pledge-ledger/event-store';

/** The body of every command's answer (DESIGN section 4). */
export interface CommandResponseBody {
  /** The aggregate's id, as the caller names it in paths. */
  readonly id: string;
  /** Its revision after the command; null when it does not exist (a no-op on nothing). */
  readonly revision: number | null;
  /** Global position of the last event written; null when the command decided no events. */
  readonly position: string | null;
}

/**
 * What a command route returns: `return CommandResponse.created(id, await this.commandBus.execute(cmd))`.
 * The response interceptor turns it into the status (201 or 200), the `ETag` of the revision and
 * the `{ id, revision, position }` body.
 */
export class CommandResponse {
  private constructor(
    readonly status: 200 | 201,
    readonly body: CommandResponseBody,
  ) {}

  /** The command created the aggregate (register, originate, file...): 201. */
  static created(id: string, result: CommandResult): CommandResponse {
    return new CommandResponse(201, bodyOf(id, result));
  }

  /** The command changed (or left unchanged) an existing aggregate: 200. */
  static ok(id: string, result: CommandResult): CommandResponse {
    return new CommandResponse(200, bodyOf(id, result));
  }
}

function bodyOf(id: string, result: CommandResult): CommandResponseBody {
  return {
    id,
    revision: result.revision,
    position: result.position === null ? null : formatPosition(result.position),
  };
}

/**
 * A read answer about one aggregate, with the revision it reflects: sent with `ETag: "<revision>"`
 * so the caller can make its next command conditional (If-Match).
 */
export class WithRevision<T> {
  constructor(
    readonly revision: number | null,
    readonly body: T,
  ) {}
}
