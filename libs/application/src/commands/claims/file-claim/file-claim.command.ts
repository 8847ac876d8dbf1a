import { LedgerCommand } from '../../ledger-command';

/**
 * Bank: files a claim on its own defaulted loan enrolled in the fund. The loan's default,
 * recoveries and bank, and its cover in the fund, are read from their own streams. The claim's
 * id is the loan's (one claim stream per loan).
 */
export interface FileClaimCommandData {
  readonly loanId: string;
  readonly filedOn: string;
}

export class FileClaimCommand extends LedgerCommand<FileClaimCommandData> {}
