/**
 * The ceilings' events table (B1, B2, B3): the columns our PostgreSQL store keeps for an event,
 * `json` payloads, and the unique index on stream and revision, with nothing else: no lock row,
 * no revision check, no hash chain. One definition, so every ceiling writes and reads the same table.
 */
export function createRawEventsTableSql(table: string): string {
  return `CREATE TABLE ${table} (
     position    bigserial   PRIMARY KEY,
     stream_id   text        NOT NULL,
     revision    bigint      NOT NULL,
     type        text        NOT NULL,
     data        json        NOT NULL,
     metadata    json        NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (stream_id, revision)
   )`;
}
