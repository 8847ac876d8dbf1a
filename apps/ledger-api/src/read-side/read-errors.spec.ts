import { sqlPosition } from '@pledge-ledger/event-store';
import {
  InvalidLedgerQueryError,
  InvalidReadQueryError,
  ProjectionLagError,
  ReadAccessDeniedError,
} from '@pledge-ledger/read-models';
import { HttpError, RequestValidationError } from '../http/errors/http-error';
import { NotFoundForCallerError, toReadError } from './read-errors';

describe('toReadError', () => {
  it('answers a role the view refuses with 403 READ_MODEL.FORBIDDEN', () => {
    const error = toReadError(new ReadAccessDeniedError('loans', 'admin')) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect({ status: error.status, code: error.code }).toEqual({ status: 403, code: 'READ_MODEL.FORBIDDEN' });
  });

  it('answers a filter a view refuses with a 400 naming the parameter', () => {
    for (const refused of [
      new InvalidReadQueryError('bucket', 'bucket must be one of ...'),
      new InvalidLedgerQueryError('owner', 'owner must be ...'),
    ]) {
      const error = toReadError(refused) as RequestValidationError;
      expect(error).toBeInstanceOf(RequestValidationError);
      expect(error.fields).toEqual([{ field: refused.field, problems: [refused.message] }]);
    }
  });

  it('answers projections behind minPosition with 503 PROJECTION.LAGGING naming them', () => {
    const error = toReadError(new ProjectionLagError(['loan-view'], sqlPosition(42), 5000)) as HttpError;
    expect({ status: error.status, code: error.code, details: error.details }).toEqual({
      status: 503,
      code: 'PROJECTION.LAGGING',
      details: { minPosition: '42', lagging: ['loan-view'], waitedMs: 5000 },
    });
  });

  it('leaves every other error as it is', () => {
    const other = new Error('database down');
    expect(toReadError(other)).toBe(other);
  });
});

describe('NotFoundForCallerError', () => {
  it('says the same for an unknown id and one the caller may not see', () => {
    const error = new NotFoundForCallerError('ip-asset', 'p-1');
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 404,
      code: 'IP_ASSET.NOT_FOUND',
      message: 'There is no ip-asset p-1 you may see',
    });
  });
});
