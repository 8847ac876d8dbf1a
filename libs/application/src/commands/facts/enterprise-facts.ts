import type { BusinessDate, Certification, EnterpriseSize, EnterpriseState } from '@pledge-ledger/domain';
import {
  certificationsHeldOn,
  EnterpriseNotFoundError,
  enterpriseDecider,
  enterpriseStreamId,
} from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { loadAggregate } from '../../aggregate-stream';

/** Facts the Enterprise aggregate owns that other aggregates' commands decide on. */

export async function loadEnterprise(store: EventStore, enterpriseId: string): Promise<EnterpriseState> {
  return (await loadAggregate(store, enterpriseDecider, enterpriseStreamId(enterpriseId))).state;
}

/** OriginateLoan's `enterpriseRegistered`. */
export async function isEnterpriseRegistered(store: EventStore, enterpriseId: string): Promise<boolean> {
  return (await loadEnterprise(store, enterpriseId)).status === 'registered';
}

/** Every id names a registered enterprise (an IP asset's owners); the first that does not is refused. */
export async function requireRegisteredEnterprises(
  store: EventStore,
  enterpriseIds: readonly unknown[],
): Promise<void> {
  for (const enterpriseId of enterpriseIds) {
    // Malformed ids are the decider's to refuse with its own input error.
    if (typeof enterpriseId !== 'string' || enterpriseId.trim() === '') continue;
    if (!(await isEnterpriseRegistered(store, enterpriseId.trim()))) {
      throw new EnterpriseNotFoundError(`Enterprise ${enterpriseId} is not registered`, { enterpriseId });
    }
  }
}

/** The enterprise as the fund's eligibility rules see it on a date. */
export interface EnterpriseProfile {
  readonly size: EnterpriseSize;
  readonly certifications: Certification[];
}

export async function enterpriseProfileOn(
  store: EventStore,
  enterpriseId: string,
  date: BusinessDate,
): Promise<EnterpriseProfile> {
  const enterprise = await loadEnterprise(store, enterpriseId);
  if (enterprise.status !== 'registered') {
    throw new EnterpriseNotFoundError(`Enterprise ${enterpriseId} is not registered`, { enterpriseId });
  }
  return { size: enterprise.size, certifications: certificationsHeldOn(enterprise, date) };
}
