/** Exit codes (sysexits.h where one fits): what a script calling the CLI can branch on. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem: a broken chain, a refused import. */
  failed: 1,
  usage: 64,
  /** A file that is not a valid export, or cannot be read. */
  dataError: 65,
  config: 78,
} as const;

/** A failure the CLI reports as one line on stderr and an exit code, never as a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}
