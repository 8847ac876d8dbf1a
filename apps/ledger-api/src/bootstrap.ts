import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config/ledger-config';

/** Builds the HTTP application; `main.ts` listens, tests call this with their own config. */
export async function createLedgerApp(config: LedgerConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 1_048_576 }),
    { logger: config.logLevel === 'silent' ? false : ['error', 'warn', 'log'] },
  );
  return app;
}
