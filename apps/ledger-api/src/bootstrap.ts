import 'reflect-metadata';
import type { IncomingHttpHeaders } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppModuleOptions } from './app.module';
import type { LedgerConfig } from './config/ledger-config';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './http/correlation-id';
import { setupOpenApi } from './http/openapi/setup-open-api';
import { installHttpObservability } from './observability/http-observability';
import { createLogger, PinoNestLogger, type Logger } from './observability/logger';

/** The largest request body accepted (413 above): the one place it is set. */
export const BODY_LIMIT_BYTES = 1_048_576;

export interface LedgerAppOptions extends AppModuleOptions {
  /** Where the JSON log lines go; by default a pino logger on stdout at LOG_LEVEL. */
  readonly logger?: Logger;
}

/** Builds the HTTP application; `main.ts` listens, tests call this with their own config. */
export async function createLedgerApp(
  config: LedgerConfig,
  options: LedgerAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // The request id is the correlation id: the caller's when it is sane, else a new one.
      genReqId: (request: { headers: IncomingHttpHeaders }) =>
        correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    }),
    {
      logger: config.logLevel === 'silent' ? false : new PinoNestLogger(logger),
      // A module that fails to start throws to the caller (main.ts reports it and exits 1) instead
      // of Nest calling process.exit itself, which would also end a test runner hosting the app.
      abortOnError: false,
    },
  );
  // On every response, routed or not, error or not.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header(CORRELATION_ID_HEADER, request.id);
      done();
    });
  installHttpObservability(app, logger);
  setupOpenApi(app);
  return app;
}
