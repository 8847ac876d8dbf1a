import { DomainError } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import { SYSTEM_ACTOR, type RequestContext } from '../commands/request-context';

/**
 * The context of a command a process manager issues in answer to `event`: the system actor, the
 * event's correlation id (one business flow, one id) and the event itself as the cause.
 */
export function causedBy(event: RecordedEvent): RequestContext {
  return { actor: SYSTEM_ACTOR, correlationId: event.metadata.correlationId, causationId: event.metadata.eventId };
}

/** The refusal's reasons as a person reads them, each prefixed by its stable code. */
export function refusalReasons(error: DomainError): string[] {
  const reasons = error.details.reasons;
  if (Array.isArray(reasons) && reasons.length > 0) {
    return reasons.map(
      (reason: { code?: unknown; message?: unknown }) => `${String(reason.code)}: ${String(reason.message)}`,
    );
  }
  return [`${error.code}: ${error.message}`];
}

/** Runs `attempt`; a DomainError (a rule said no) is returned, anything else is thrown for the runner to retry. */
export async function refusalOf(attempt: () => Promise<unknown>): Promise<DomainError | null> {
  try {
    await attempt();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
