import 'reflect-metadata';
import { configOrExit, failStart } from './platform/runtime/process.js';
import { createRuntime } from './platform/runtime/runtime.js';

/** `pnpm db:seed`: migrate and seed the built-in tenants without starting the server (idempotent). */
async function main() {
  const { config, logger } = configOrExit();
  try {
    const runtime = await createRuntime(config, logger, { prepareDatabase: true });
    await runtime.close();
    logger.info('database migrated and seeded');
  } catch (error) {
    failStart(logger, error);
  }
}

void main();
