import { enterpriseUpcasters } from './enterprise/enterprise.upcasters';
import { eventSchemas } from './shared/upcasting';

/**
 * The one place that knows every event type's current schema version and how to upcast older
 * ones: writers stamp `currentVersion(type)`, readers of the history (deciders, projections,
 * process managers) see every event upcast to it. Each aggregate lists its upcasters in its own
 * `<aggregate>.upcasters.ts`; a type without any is at version 1.
 */
export const ledgerEventSchemas = eventSchemas([...enterpriseUpcasters]);
