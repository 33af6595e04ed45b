import 'reflect-metadata';
// Before anything that loads oidc-provider (see the module).
import './platform/logging/library-warnings.js';
import { startJobs } from './jobs/start-jobs.js';
import { PlatformAdminService } from './modules/platform-admin/platform-admin.service.js';
import { createHttpApp } from './platform/http/http-app.js';
import { HttpDrain } from './platform/http/http-drain.js';
import { configOrExit, failStart, onShutdownSignal } from './platform/runtime/process.js';
import { createRuntime, type Runtime } from './platform/runtime/runtime.js';

/** The HTTP server (and, unless LATCHKEY_WORKER=off, the job worker in the same process). */
async function main() {
  const { config, logger } = configOrExit();
  const started = Date.now();
  try {
    const runtime = await createRuntime(config, logger, { prepareDatabase: true });
    await bootstrapAdmin(runtime);
    const app = await createHttpApp(runtime);
    if (config.inlineWorker) await startJobs(runtime);
    const http = new HttpDrain(app.getHttpServer());
    onShutdownSignal(logger, config.shutdownTimeoutMs, async () => {
      // In-flight requests end (idle keep-alive sockets do not hold the exit up), then the app and
      // the runtime close: jobs finish, queues and databases close after the last request.
      const { cutOff } = await http.drain(Math.max(config.shutdownTimeoutMs - 2_000, 1_000));
      if (cutOff > 0) logger.warn({ cutOff }, 'requests still running at the shutdown deadline were cut off');
      await app.close();
      await runtime.close();
    });
    await app.listen(config.port);
    logger.info(
      {
        url: config.publicUrl,
        console: `${config.publicUrl}/console/`,
        demoLogin: `${config.publicUrl}/t/demo/login/`,
        database: config.embeddedDatabase ? 'embedded' : 'postgres',
        jobs: runtime.jobs.backendKind,
        ms: Date.now() - started,
      },
      'Latchkey is listening',
    );
    if (process.stderr.isTTY) process.stderr.write(banner(config.publicUrl, config.embeddedDatabase));
  } catch (error) {
    failStart(logger, error);
  }
}

/** BOOTSTRAP_ADMIN_EMAIL / _PASSWORD: create the platform admin when the system tenant has none. */
async function bootstrapAdmin(runtime: Runtime): Promise<void> {
  const admin = runtime.config.bootstrapAdmin;
  if (!admin) return;
  const outcome = await new PlatformAdminService(runtime.prisma).bootstrap(admin.email, admin.password, {
    onlyIfNone: true,
  });
  if (outcome.created)
    runtime.logger.info({ email: admin.email }, 'platform admin created from BOOTSTRAP_ADMIN_EMAIL');
  else if (outcome.reason === 'email-taken') {
    runtime.logger.warn(
      { email: admin.email },
      'BOOTSTRAP_ADMIN_EMAIL is already a user of the system tenant; not changed',
    );
  }
}

/** For a person at a terminal: where to go next (the JSON log stays for machines). */
function banner(url: string, embedded: boolean): string {
  const lines = [
    `  Latchkey is ready at ${url}`,
    `    admin console   ${url}/console/`,
    `    demo sign-in    ${url}/t/demo/login/`,
    `    readiness       ${url}/readyz`,
  ];
  if (embedded)
    lines.push('    data            embedded PostgreSQL in LATCHKEY_DATA_DIR (./.data by default)');
  return `\n${lines.join('\n')}\n\n`;
}

void main();
