import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { comparePositions, type After, type EventStore } from '@pledge-ledger/event-store';
import { CHECKPOINT_STORE, type CheckpointStore } from '../checkpoints/checkpoint-store';
import { EVENT_STORE } from '../tokens';
import { ClaimPaymentProcessManager } from './claim-payment.process-manager';
import { FundCoverageProcessManager } from './fund-coverage.process-manager';
import { PledgeEnforcementProcessManager } from './pledge-enforcement.process-manager';
import { PledgingProcessManager } from './pledging.process-manager';
import { ProcessManagerRunner, type RunnerOptions } from './process-manager-runner';
import { RecoverySharingProcessManager } from './recovery-sharing.process-manager';

/** Injection token of the runners' RunnerOptions (optional). */
export const PROCESS_MANAGER_RUNNER_OPTIONS = Symbol('PROCESS_MANAGER_RUNNER_OPTIONS');

/**
 * One runner per process manager, each with its own checkpoint, following the store's global feed.
 * Started when the application has bootstrapped, stopped before it shuts down (before the event
 * store closes), storing each checkpoint.
 */
@Injectable()
export class ProcessManagers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProcessManagers');
  readonly runners: readonly ProcessManagerRunner[];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    @Inject(PledgingProcessManager) pledging: PledgingProcessManager,
    @Inject(FundCoverageProcessManager) fundCoverage: FundCoverageProcessManager,
    @Inject(ClaimPaymentProcessManager) claimPayment: ClaimPaymentProcessManager,
    @Inject(RecoverySharingProcessManager) recoverySharing: RecoverySharingProcessManager,
    @Inject(PledgeEnforcementProcessManager) pledgeEnforcement: PledgeEnforcementProcessManager,
    @Optional() @Inject(PROCESS_MANAGER_RUNNER_OPTIONS) options: RunnerOptions | null = null,
  ) {
    const runnerOptions: RunnerOptions = {
      onError: (error, manager, event) =>
        this.logger.error(
          `${manager}${event ? ` on ${event.type} of ${event.streamId}@${event.revision}` : ''}: ${String(error)}`,
        ),
      ...options,
    };
    this.runners = [pledging, fundCoverage, claimPayment, recoverySharing, pledgeEnforcement].map(
      (manager) => new ProcessManagerRunner(store, checkpoints, manager, runnerOptions),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** Resolves once every process manager has handled everything up to `position`. */
  async waitForAll(position: After, timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.waitFor(position, timeoutMs)));
  }

  /**
   * Resolves once every process manager has handled every event in the store, including the ones
   * they caused themselves (a flow of several steps): waits for the head until it stops moving.
   */
  async waitUntilIdle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let head = await this.store.headPosition();
    for (;;) {
      await this.waitForAll(head, Math.max(1, deadline - Date.now()));
      const next = await this.store.headPosition();
      if (comparePositions(next, head) === 0) return;
      head = next;
    }
  }
}

export interface ProcessManagersModuleOptions {
  /** Where checkpoints are kept; without it, CHECKPOINT_STORE must be provided by a global module. */
  readonly checkpoints?: CheckpointStore;
  readonly runner?: RunnerOptions;
}

/**
 * The process managers of the flows that cross aggregates, issuing their commands on the
 * CommandBus (import LedgerCommandsModule alongside, so its handlers are registered). Expects
 * EVENT_STORE (and CLOCK) from the application; `forRoot` can supply the CheckpointStore.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    PledgingProcessManager,
    FundCoverageProcessManager,
    ClaimPaymentProcessManager,
    RecoverySharingProcessManager,
    PledgeEnforcementProcessManager,
    ProcessManagers,
  ],
  exports: [ProcessManagers],
})
export class ProcessManagersModule {
  static forRoot(options: ProcessManagersModuleOptions = {}): DynamicModule {
    return {
      module: ProcessManagersModule,
      providers: [
        ...(options.checkpoints ? [{ provide: CHECKPOINT_STORE, useValue: options.checkpoints }] : []),
        ...(options.runner ? [{ provide: PROCESS_MANAGER_RUNNER_OPTIONS, useValue: options.runner }] : []),
      ],
    };
  }
}
