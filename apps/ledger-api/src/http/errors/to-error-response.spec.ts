import { BadRequestException, NotFoundException } from '@nestjs/common';
import { domainError } from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import { errorCodes } from 'fastify';
import { HttpError, RequestValidationError } from './http-error';
import { toErrorResponse } from './to-error-response';

const request = { correlationId: 'corr-1', conditional: false };

class NotDefaulted extends domainError('LOAN.NOT_DEFAULTED') {}
class LoanNotFound extends domainError('LOAN.NOT_FOUND', 'not-found') {}
class NotYours extends domainError('AUTH.FORBIDDEN', 'forbidden') {}
class BadRate extends domainError('RATE.INVALID', 'invalid') {}

describe('toErrorResponse', () => {
  it('answers a domain error by its kind, with its stable code, message and details', () => {
    expect(toErrorResponse(new NotDefaulted('The loan is not in default', { loanId: 'L1' }), request)).toEqual({
      status: 409,
      body: {
        error: {
          status: 409,
          code: 'LOAN.NOT_DEFAULTED',
          message: 'The loan is not in default',
          details: { loanId: 'L1' },
          correlationId: 'corr-1',
        },
      },
    });
    expect(toErrorResponse(new LoanNotFound('no'), request).status).toBe(404);
    expect(toErrorResponse(new NotYours('no'), request).status).toBe(403);
    expect(toErrorResponse(new BadRate('no'), request).status).toBe(400);
  });

  it('answers a concurrency conflict with 412 when the caller sent If-Match, else 409', () => {
    const conflict = new ConcurrencyError('loan-L1', 2, 3);
    expect(toErrorResponse(conflict, { ...request, conditional: true }).body.error).toMatchObject({
      status: 412,
      code: 'CONCURRENCY.STALE_REVISION',
      details: { expectedRevision: 2, currentRevision: 3 },
    });
    expect(toErrorResponse(conflict, request).body.error).toMatchObject({ status: 409, code: 'CONCURRENCY.CONFLICT' });
  });

  it("passes the HTTP layer's own errors through", () => {
    const fields = [{ field: 'amount', problems: ['bad'] }];
    expect(toErrorResponse(new RequestValidationError(fields), request).body.error).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      message: 'One field is invalid: amount',
      details: { fields },
    });
    expect(toErrorResponse(new HttpError(422, 'IDEMPOTENCY.KEY_REUSED', 'reused'), request).status).toBe(422);
  });

  it("recognises Fastify's body errors, raw or as Nest hands them over", () => {
    const tooLarge = new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    expect(toErrorResponse(tooLarge, request).body.error).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    const invalidJson = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    const wrapped = new BadRequestException(invalidJson.message);
    expect(toErrorResponse(wrapped, request).body.error).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON' });
  });

  it('answers an unknown route with 404 NOT_FOUND', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nowhere'), request).body.error).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('answers anything else with a generic 500 that tells nothing of the failure', () => {
    for (const failure of [new Error('password=hunter2'), 'a string', null, { statusCode: 503, message: 'x' }]) {
      const { status, body } = toErrorResponse(failure, request);
      expect(status).toBe(500);
      expect(body.error).toEqual({
        status: 500,
        code: 'INTERNAL.ERROR',
        message: expect.stringMatching(/quote the correlation id/),
        details: {},
        correlationId: 'corr-1',
      });
    }
  });
});
