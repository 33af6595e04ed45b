import 'reflect-metadata';
// Before anything that loads oidc-provider (see the module).
import './platform/logging/library-warnings.js';
import { startJobs } from './jobs/start-jobs.js';
import { configOrExit, failStart, onShutdownSignal } from './platform/runtime/process.js';
import { createRuntime } from './platform/runtime/runtime.js';

/** A job worker process: `pnpm --filter @latchkey/api worker`. Scale these on queue depth. */
async function main() {
  const { config, logger } = configOrExit();
  if (config.embeddedDatabase) {
    process.stderr.write(
      'Invalid configuration: DATABASE_URL must be set for a separate worker (without it, `pnpm start` runs the worker in-process)\n',
    );
    process.exit(78);
  }
  try {
    const runtime = await createRuntime(config, logger, { prepareDatabase: false });
    onShutdownSignal(logger, config.shutdownTimeoutMs, () => runtime.close());
    await startJobs(runtime);
    logger.info({ jobs: runtime.jobs.backendKind }, 'worker ready');
  } catch (error) {
    failStart(logger, error);
  }
}

void main();
