import { domainError } from '../shared/domain-error';

export class EnterpriseAlreadyExistsError extends domainError('ENTERPRISE.ALREADY_EXISTS') {}
export class EnterpriseNotFoundError extends domainError('ENTERPRISE.NOT_FOUND', 'not-found') {}
/** A field of the command is malformed (details.field names it). */
export class InvalidEnterpriseInputError extends domainError('ENTERPRISE.INVALID_INPUT', 'invalid') {}
export class CertificationAlreadyHeldError extends domainError('ENTERPRISE.CERTIFICATION_ALREADY_HELD') {}
export class CertificationNotHeldError extends domainError('ENTERPRISE.CERTIFICATION_NOT_HELD') {}
