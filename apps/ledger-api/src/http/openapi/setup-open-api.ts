import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const BEARER_SCHEME = 'bearer';

/**
 * OpenAPI from the controllers and DTOs: the UI at /docs, the JSON at /docs-json. Both are served
 * by Fastify directly, outside the auth guard: the contract is public, the data is not.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pledge Ledger API')
      .setDescription(
        'IP pledge financing and the public risk fund, as an event-sourced ledger. ' +
          'Every route but /health, /metrics and /docs needs `Authorization: Bearer <JWT>` ' +
          '(locally: `npm run token -- --role admin --sub you`). Every POST accepts `Idempotency-Key`; ' +
          'commands on one aggregate accept `If-Match: "<revision>"` (the ETag of a previous answer). ' +
          'Every error has the body `{ "error": { status, code, message, details, correlationId } }`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .addSecurityRequirements(BEARER_SCHEME)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
