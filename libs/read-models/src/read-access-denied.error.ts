/** A caller's role may not read a view at all (scoping within a view returns less, never this). */
export class ReadAccessDeniedError extends Error {
  readonly code = 'READ_MODEL.FORBIDDEN';

  constructor(
    readonly view: string,
    readonly role: string,
  ) {
    super(`Role ${role} may not read ${view}`);
  }
}
