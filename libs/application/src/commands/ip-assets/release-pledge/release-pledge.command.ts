import type { ReleasePledge } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank or the pledging process manager: releases the pledge held for a loan. */
export class ReleasePledgeCommand extends LedgerCommand<ReleasePledge['data']> {}
