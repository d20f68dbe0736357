import { createLogger, type LogLevel } from '../../../src/server/logging/createLogger';

export interface CapturedLogs {
  /** A logger writing JSON lines into this capture, exactly as it would to stdout. */
  logger: ReturnType<typeof createLogger>;
  /** Every line as written. */
  text(): string;
  /** Every line, parsed. */
  entries(): Record<string, any>[];
}

/** The server's log, kept in memory: pass `logger` to `createApp` and read what it would have printed. */
export function captureLogs(level: LogLevel = 'info'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(line) } });
  return { logger, text: () => lines.join(''), entries: () => lines.map((line) => JSON.parse(line)) };
}
