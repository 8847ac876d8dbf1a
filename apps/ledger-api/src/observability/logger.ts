import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/ledger-config';

export type { Logger } from 'pino';

/**
 * Paths removed from anything logged, whatever a caller passes: the ledger never logs credentials,
 * bodies, names or a contact person's details (docs/personal-data.md). The request log only ever
 * names the caller by `sub` and role.
 */
const REDACTED = [
  'authorization',
  'headers',
  'body',
  'token',
  'password',
  'name',
  'contact',
  'phone',
  'email',
  '*.authorization',
  '*.headers',
  '*.body',
  '*.token',
  '*.password',
  '*.name',
  '*.contact',
  '*.phone',
  '*.email',
];

/**
 * One JSON object a line on stdout: `level` (a word), `time` (ISO-8601), `service`, `msg`, and the
 * fields of the entry. LOG_LEVEL picks the level; `silent` writes nothing.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ledger-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, remove: true },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest's own messages (startup, the error filter, the runners) as pino entries with their `context`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    if (!this.logger.isLevelEnabled(level)) return;
    // Nest passes the context last; an error's stack, when given, before it.
    const strings = params.filter((param): param is string => typeof param === 'string');
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? strings.pop() : undefined;
    const stack = strings.find((text) => text.includes('\n    at '));
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      this.logger[level](fields, JSON.stringify(message));
    }
  }
}

/** A store URL fit for a log line: scheme, host and database or file, never a user or password. */
export function redactUrl(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
