import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';
import { AuthGuard } from './auth/auth.guard';
import { resolveJwtKey } from './auth/jwt-key';
import { JwtVerifier } from './auth/jwt-verifier';
import { HttpErrorFilter } from './errors/http-error.filter';
import {
  DEFAULT_IDEMPOTENCY_OPTIONS,
  IDEMPOTENCY_OPTIONS,
  IDEMPOTENCY_STORE,
  IdempotencyInterceptor,
  type IdempotencyOptions,
} from './idempotency/idempotency.interceptor';
import type { IdempotencyStore } from './idempotency/idempotency-store';
import { openIdempotencyStore } from './idempotency/open-idempotency-store';
import { ResponseInterceptor } from './responses/response.interceptor';
import { LedgerValidationPipe } from './validation/ledger-validation.pipe';

@Injectable()
class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export interface HttpModuleOptions {
  readonly idempotency?: Partial<IdempotencyOptions>;
}

/**
 * What every route gets without asking: the bearer-token guard, validation, idempotency keys,
 * ETag'd command answers and the one error shape. The interceptors run in the order listed:
 * idempotency outside, so it keeps the answer exactly as the response interceptor shaped it.
 */
@Module({})
export class HttpModule {
  static forRoot(options: HttpModuleOptions = {}): DynamicModule {
    return {
      module: HttpModule,
      providers: [
        {
          provide: JwtVerifier,
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => new JwtVerifier(resolveJwtKey(config.jwt.key), config.jwt),
        },
        {
          provide: IDEMPOTENCY_STORE,
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => openIdempotencyStore(config.readStoreUrl),
        },
        { provide: IDEMPOTENCY_OPTIONS, useValue: { ...DEFAULT_IDEMPOTENCY_OPTIONS, ...options.idempotency } },
        IdempotencyStoreCloser,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useClass: LedgerValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ResponseInterceptor },
      ],
      exports: [JwtVerifier],
    };
  }
}
