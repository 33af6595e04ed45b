import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A built Latchkey process (`main` = HTTP server, `worker` = job worker) run as a real child. */
export class LatchkeyProcess {
  readonly logs: LogLine[] = [];
  stderr = '';
  private exit: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.logs.push({ level: 30, msg: line });
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static spawn(entry: 'main' | 'worker', env: Record<string, string>, port = 0): LatchkeyProcess {
    const child = spawn(process.execPath, [path.join(API_DIR, 'dist', `${entry}.js`)], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new LatchkeyProcess(child, `http://127.0.0.1:${port}`);
  }

  /** Starts the HTTP server and resolves once /healthz answers. */
  static async startApi(env: Record<string, string>, port: number): Promise<LatchkeyProcess> {
    const api = LatchkeyProcess.spawn('main', { ...env, PORT: String(port) }, port);
    await api.waitFor(
      async () => (await fetch(`${api.baseUrl}/healthz`).catch(() => undefined))?.ok === true,
      60_000,
    );
    return api;
  }

  /** Starts a worker and resolves once it says it is ready. */
  static async startWorker(env: Record<string, string>): Promise<LatchkeyProcess> {
    const worker = LatchkeyProcess.spawn('worker', env);
    await worker.waitFor(async () => worker.logs.some((l) => l.msg === 'worker ready'), 60_000);
    return worker;
  }

  async waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exit.then(() => {
      exited = true;
    });
    while (Date.now() < deadline) {
      if (await condition()) return;
      if (exited)
        throw new Error(`process exited early: ${this.stderr || JSON.stringify(this.logs.slice(-5))}`);
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms; last logs: ${JSON.stringify(this.logs.slice(-5))}`);
  }

  /** Sends `signal` and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exit;
  }

  exited(): Promise<number | null> {
    return this.exit;
  }
}

/** Runs an entry point to completion (for start-up failures) and returns what it printed. */
export function runToExit(
  entry: 'main' | 'worker' | 'cli',
  env: Record<string, string>,
  timeoutMs = 30_000,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(API_DIR, 'dist', `${entry}.js`), ...args], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within ${timeoutMs} ms: ${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
