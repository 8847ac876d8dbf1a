import { ConfigError, loadConfig } from './config/ledger-config';
import { createLedgerApp } from './bootstrap';
import { createLogger, redactUrl } from './observability/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createLedgerApp(config, { logger });
  await app.listen(config.port, config.host);
  // Graceful shutdown: stop accepting requests, let in-flight ones finish, close the stores, exit 0.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'Pledge Ledger failed to shut down cleanly');
          process.exit(1);
        });
    });
  }
  // Startup lines are log entries too (JSON on stdout); the store URL without its user or password.
  logger.info(
    `Pledge Ledger listening on http://${config.host}:${config.port} (event store: ${redactUrl(config.eventStoreUrl)})`,
  );
  logger.info(`API documentation: http://${config.host}:${config.port}/docs; Prometheus metrics at /metrics`);
  if (config.jwt.key.source === 'data-dir') {
    logger.info(
      `Bearer tokens are signed with the secret in ${config.jwt.key.file}. Mint one with e.g.\n` +
        '  npm run token -- --role admin --sub you\n' +
        '  npm run token -- --role bank --bank-id B1 --sub alice',
    );
  }
}

main().catch((error: unknown) => {
  console.error('Pledge Ledger failed to start:', error);
  process.exit(1);
});
