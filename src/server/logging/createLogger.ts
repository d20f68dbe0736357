import { pino, type Level, type Logger } from 'pino';
import { prettyLogLines, type TextSink } from './prettyLogLines';
import { scrubFields, scrubSecrets, serializeError } from './scrubSecrets';

export type { Logger };
export type LogLevel = Level | 'silent';
/** `json`: one object per line, for a log collector; `pretty`: for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoggerOptions {
  /** Default `info`: a line per request. */
  level?: LogLevel;
  format?: LogFormat;
  /** Default: stdout, written synchronously, so the last lines before an exit are not lost. */
  destination?: TextSink;
}

/**
 * The server's logger: pino, JSON lines with `level` as a word and `time` in ISO 8601. Every line passes through the
 * scrubber (see `scrubSecrets`): its message, its fields at any depth, and errors, which keep only type, message
 * and stack. Nothing logs headers or bodies in the first place; this is the net under that rule.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ request_id: 'req_1', status: 200 }, 'request');
 */
export function createLogger({ level = 'info', format = 'json', destination }: LoggerOptions = {}): Logger {
  const sink = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrubFields(fields) as Record<string, unknown>,
      },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    format === 'pretty' ? prettyLogLines(sink) : (sink as pino.DestinationStream),
  );
}
