import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { RequestValidationError } from '../errors/http-error';
import type { FieldProblem } from '../errors/error-body';

/**
 * The one validation pipe (global): DTO classes with class-validator decorators; unknown fields are
 * refused, not dropped; every invalid field is reported at once with every reason.
 */
export class LedgerValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationError(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // class-transformer would turn an array body into an array of DTOs and validate none of them.
    const isDto = typeof metadata.metatype === 'function' && !PRIMITIVES.has(metadata.metatype);
    if (metadata.type === 'body' && isDto && value !== undefined && !isPlainObject(value)) {
      throw new RequestValidationError([{ field: '(body)', problems: ['must be a JSON object'] }]);
    }
    return super.transform(value, metadata);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const PRIMITIVES = new Set<Function>([String, Number, Boolean, Array, Object]);

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** class-validator's error tree as a flat list: `pledgedAssets.0.number` for nested fields. */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  const fields: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const problems = Object.values(error.constraints ?? {});
    if (problems.length > 0) fields.push({ field, problems });
    if (error.children && error.children.length > 0) fields.push(...fieldProblems(error.children, field));
  }
  return fields;
}
