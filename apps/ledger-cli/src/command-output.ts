/** What a command hands back to main: the exit code and what to print on stdout. */
export interface CommandOutput {
  readonly exitCode: number;
  readonly text: string;
}
