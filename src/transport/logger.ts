/**
 * The client's log lines, written through the hooks: one line per event at its level, to a
 * `console`-compatible logger. Lines hold what the events hold, so never the key.
 */
import type { ClientHooks, ErrorEvent, ResponseEvent, RetryEvent } from "./hooks.js";

/** What the client needs of a logger; `console` is one. */
export interface Logger {
  /** Writes a line at `debug`: each attempt sent. */
  debug(message: string): void;
  /** Writes a line at `info`: each answer. */
  info(message: string): void;
  /** Writes a line at `warn`: each retry, and each hook that threw. */
  warn(message: string): void;
  /** Writes a line at `error`: each failed call. */
  error(message: string): void;
}

/**
 * How much the client logs: `"debug"` each attempt sent, `"info"` each answer, `"warn"` each
 * retry (and hooks that throw), `"error"` each failed call; each level includes the ones after it.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** The levels from the quietest, for the option check and the comparison. */
export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** The hooks that write the log lines of `level` to `logger`, or `undefined` when nothing is logged. */
export function loggingHooks(logger: Logger, level: LogLevel): ClientHooks | undefined {
  const rank = LOG_LEVELS.indexOf(level);
  if (rank <= 0) return undefined;
  const at = <Event>(minimum: LogLevel, write: (event: Event) => void) =>
    rank >= LOG_LEVELS.indexOf(minimum) ? write : undefined;
  return {
    onRequest: at("debug", (event) =>
      logger.debug(`lambda-cloud: ${event.operationId} attempt ${event.attempt}: ${event.method} ${event.path}`),
    ),
    onResponse: at("info", (event: ResponseEvent) =>
      logger.info(
        `lambda-cloud: ${event.operationId} attempt ${event.attempt}: ${event.status} in ${ms(event)}${id(event)}`,
      ),
    ),
    onRetry: at("warn", (event: RetryEvent) =>
      logger.warn(
        `lambda-cloud: ${event.operationId} attempt ${event.attempt - 1} failed (${event.error.message}); retrying`,
      ),
    ),
    onError: at("error", (event: ErrorEvent) =>
      logger.error(
        `lambda-cloud: ${event.operationId} failed after ${event.attempt} attempt(s) in ${ms(event)}: ${describe(event.error)}`,
      ),
    ),
  };
}

/** Reports a hook that threw, at `warn`, when the level shows warnings. */
export function hookFailureLogger(logger: Logger | undefined, level: LogLevel): (hook: string, error: unknown) => void {
  return (hook, error) => {
    if (logger && LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf("warn"))
      logger.warn(`lambda-cloud: the ${hook} hook threw (ignored): ${describe(error)}`);
  };
}

function ms(event: { durationMs: number }): string {
  return `${Math.round(event.durationMs)} ms`;
}

function id(event: { requestId: string | undefined }): string {
  return event.requestId ? ` (request id ${event.requestId})` : "";
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
