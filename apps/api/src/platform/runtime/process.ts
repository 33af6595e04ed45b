import type { Logger } from 'pino';
import { type AppConfig, ConfigError, loadConfig } from '../config/config.js';
import { createRootLogger } from '../logging/logger.js';

/** Loads the configuration or exits with the one-line reason (no stack: it is the operator's fix). */
export function configOrExit(): { config: AppConfig; logger: Logger } {
  try {
    const config = loadConfig();
    return { config, logger: createRootLogger(config) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * Runs `stop` once on SIGTERM / SIGINT, then exits; a second signal or the timeout exits at once.
 * In-flight HTTP requests and jobs finish inside `stop`.
 */
export function onShutdownSignal(logger: Logger, timeoutMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down gracefully');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop()
      .then(() => {
        logger.info('shutdown complete');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

/** Start-up failures: one clear line for the operator, the details in the log. */
export function failStart(logger: Logger, error: unknown): never {
  logger.fatal({ err: error }, 'failed to start');
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Latchkey failed to start: ${message.split('\n')[0]}\n`);
  process.exit(1);
}
