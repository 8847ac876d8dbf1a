import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { CommandResponseSchema, ErrorBodySchema } from './schemas';

export interface ApiCommandOptions {
  readonly summary: string;
  /** The command creates its aggregate: 201 (else 200). */
  readonly created?: boolean;
  /** The request body's DTO class, with an example command body. */
  readonly body?: { readonly type: new (...args: never[]) => unknown; readonly example: object };
}

const error = (status: number, description: string) => ApiResponse({ status, description, type: ErrorBodySchema });

/**
 * Documents a command route the way every command behaves: Idempotency-Key, If-Match, the
 * `{ id, revision, position }` answer with its ETag, and the errors with their one body shape.
 */
export function ApiCommand(options: ApiCommandOptions): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: options.summary }),
    ...(options.body
      ? [ApiBody({ type: options.body.type, examples: { example: { value: options.body.example } } })]
      : []),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Repeat the request with the same key and body to get the first answer again, with no new effect',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag of the revision you saw, e.g. "3": the command fails with 412 if the aggregate changed since',
    }),
    ApiResponse({
      status: options.created ? 201 : 200,
      description: 'Done. The ETag header carries the revision',
      type: CommandResponseSchema,
      headers: { ETag: { description: 'The revision, e.g. "3"', schema: { type: 'string' } } },
    }),
    error(400, 'Invalid input: every invalid field and why'),
    error(401, 'No valid bearer token'),
    error(403, 'The role may not do this'),
    error(404, 'No such resource (or not yours)'),
    error(409, 'Refused by a rule (the code says which), or a concurrent change'),
    error(412, 'If-Match is stale'),
    error(422, 'Idempotency-Key reused with a different request'),
  );
}
