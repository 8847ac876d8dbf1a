import { Inject, Injectable } from '@nestjs/common';
import { comparePositions, type After } from '@pledge-ledger/event-store';
import {
  loadCheckpoint,
  ProjectionLagError,
  waitForProjections,
  type Projector,
  type ReadStore,
} from '@pledge-ledger/read-models';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';
import { PROJECTOR, READ_STORE } from './read-side.tokens';

/** How often the checkpoints are read when the projections run in another process. */
const POLL_MS = 25;

/**
 * Read your own writes: a read that names the position a command returned waits, up to
 * LEDGER_READ_WAIT_MS, until the views it reads have committed everything up to it. In process it
 * follows the runners; with LEDGER_PROJECTIONS=off it reads their checkpoints from the read store,
 * where apps/projector commits them with the rows.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Resolves once every one of `views` reflects `position`; ProjectionLagError after the bound. */
  async waitFor(position: After, views: readonly string[]): Promise<void> {
    const timeoutMs = this.config.readWaitMs;
    if (this.projector) {
      const projector = this.projector;
      await waitForProjections(
        views.map((view) => projector.runner(view)),
        position,
        timeoutMs,
      );
      return;
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind: string[] = [];
      for (const view of views) {
        if (comparePositions(await this.checkpoint(view), position) < 0) behind.push(view);
      }
      if (behind.length === 0) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new ProjectionLagError(behind, position, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
    }
  }

  /** The position up to which `view`'s committed rows reflect the feed. */
  checkpoint(view: string): Promise<After> {
    return loadCheckpoint(this.readStore.queries, view);
  }
}
