import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../errors/http-error';
import { LEDGER_ID_PATTERN, LEDGER_ID_PROBLEM } from './domain-formats';

/** `@Param('id', ParseLedgerIdPipe) id: string`: a path id with the safe id pattern, else 400 naming it. */
@Injectable()
export class ParseLedgerIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && LEDGER_ID_PATTERN.test(value)) return value;
    throw new RequestValidationError([{ field: metadata.data ?? 'id', problems: [LEDGER_ID_PROBLEM] }]);
  }
}
