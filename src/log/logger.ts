import pino, { type Logger } from 'pino';

export type { Logger };

/** The root logger: JSON lines on stdout; pretty (pino-pretty) when stdout is a terminal. */
export function createLogger(level = process.env.GATEWAYD_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options, pino.destination({ fd: 1, sync: false }));
}
