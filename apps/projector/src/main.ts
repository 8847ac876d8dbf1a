import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { LogLevel } from '@nestjs/common';
import { formatPosition } from '@pledge-ledger/event-store';
import { EVENT_STORE, ProcessManagers } from '@pledge-ledger/application';
import { Projector, type ReadStore } from '@pledge-ledger/read-models';
import { startHealthServer } from './health/health-server';
import { loadProjectorConfig, ProjectorConfigError, type ProjectorConfig } from './projector-config';
import { ProjectorModule, READ_STORE } from './projector.module';

function nestLogLevels(level: ProjectorConfig['logLevel']): LogLevel[] | false {
  if (level === 'silent') return false;
  if (level === 'fatal' || level === 'error') return ['fatal', 'error'];
  if (level === 'warn') return ['fatal', 'error', 'warn'];
  return ['fatal', 'error', 'warn', 'log'];
}

async function main(): Promise<void> {
  let config: ProjectorConfig;
  try {
    config = loadProjectorConfig();
  } catch (error) {
    if (error instanceof ProjectorConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  await app.init();
  const projector = app.get(Projector);
  const managers = app.get(ProcessManagers);
  const health =
    config.healthPort === undefined
      ? null
      : await startHealthServer(
          { store: app.get(EVENT_STORE), readStore: app.get<ReadStore>(READ_STORE), projector },
          config.healthPort,
          config.healthHost ?? '127.0.0.1',
        );
  // Graceful: every runner finishes the batch or event in hand and stores its checkpoint, then the stores close.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      Promise.resolve(health?.close())
        .then(() => app.close())
        .then(() => {
          if (config.logLevel !== 'silent') console.log('Pledge Ledger projector stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          console.error('Pledge Ledger projector failed to stop cleanly:', error);
          process.exit(1);
        });
    });
  }
  if (config.logLevel !== 'silent') {
    const positions = projector.names.map((name) => `${name}@${formatPosition(projector.runner(name).checkpoint)}`);
    console.log(
      `Pledge Ledger projector running ${projector.names.length} projections and ${managers.runners.length} process managers ` +
        `(event store: ${config.eventStoreUrl}; read store: ${config.readStoreUrl})\n  from ${positions.join(', ')}`,
    );
  }
  // Printed even when silent: a supervisor started with port 0 learns the port from it.
  if (health) {
    console.log(`Pledge Ledger projector health at http://${config.healthHost}:${health.port}/health/ready`);
  }
}

main().catch((error: unknown) => {
  console.error('Pledge Ledger projector failed to start:', error);
  process.exit(1);
});
