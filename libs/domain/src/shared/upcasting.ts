/**
 * Schema evolution of stored events. Events are immutable, so an event written under an older
 * shape stays in that shape forever; readers turn it into today's shape on the way in, one step
 * at a time (v1 -> v2 -> ... -> current). Writers stamp each event with its type's current version.
 */
export type EventPayload = { readonly [key: string]: unknown };

/** Turns `type` data of schema version `fromVersion` into version `fromVersion + 1`. Pure. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: EventPayload): EventPayload;
}

/**
 * An event written by newer code than this process runs (or a corrupt version): refusing it is
 * safer than folding a shape the deciders do not know.
 */
export class UnknownSchemaVersionError extends Error {
  readonly code = 'EVENT.UNKNOWN_SCHEMA_VERSION';

  constructor(
    readonly type: string,
    readonly version: unknown,
    readonly current: number,
  ) {
    super(
      `${type} has schema version ${String(version)}, but this code knows versions 1 to ${current}: ` +
        `upgrade the code before reading it`,
    );
    this.name = 'UnknownSchemaVersionError';
  }
}

export interface EventSchemas {
  /** The version writers stamp on a new `type` event: 1 until an upcaster from 1 exists. */
  currentVersion(type: string): number;
  /** `data` written as `version`, in the current version's shape. */
  upcast(type: string, version: number, data: EventPayload): EventPayload;
}

/**
 * The schemas of a set of upcasters. Each type's chain must start at 1 and have no gap or
 * duplicate: a hole would silently leave an event half upcast, so it fails at startup instead.
 */
export function eventSchemas(upcasters: readonly Upcaster[]): EventSchemas {
  const chains = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) chains.set(upcaster.type, [...(chains.get(upcaster.type) ?? []), upcaster]);
  for (const [type, chain] of chains) {
    chain.sort((a, b) => a.fromVersion - b.fromVersion);
    chain.forEach((upcaster, index) => {
      if (upcaster.fromVersion !== index + 1) {
        throw new Error(`Upcasters of ${type} must go 1 -> 2 -> ... without a gap or a duplicate`);
      }
    });
  }
  const currentVersion = (type: string): number => (chains.get(type)?.length ?? 0) + 1;
  return {
    currentVersion,
    upcast(type, version, data) {
      const current = currentVersion(type);
      if (!Number.isInteger(version) || version < 1 || version > current) {
        throw new UnknownSchemaVersionError(type, version, current);
      }
      let upcast = data;
      for (const upcaster of (chains.get(type) ?? []).slice(version - 1)) upcast = upcaster.upcast(upcast);
      return upcast;
    },
  };
}
