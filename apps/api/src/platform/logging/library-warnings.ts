/**
 * oidc-provider prints its advisories (e.g. the Node.js version it prefers) with console.warn /
 * console.info while it loads, before our logger exists. Turn those lines into JSON log lines on
 * stdout, like every other line the process writes, so stderr keeps only what an operator must
 * act on (a bad configuration is one line there). Import this first, before anything that loads
 * oidc-provider.
 */
const LIBRARY_LINE = /^oidc-provider (WARNING|NOTICE): /;

function forward(level: number, original: (...args: unknown[]) => void) {
  return (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string' && LIBRARY_LINE.test(first)) {
      const line = {
        level,
        time: new Date().toISOString(),
        pid: process.pid,
        service: 'latchkey',
        component: 'oidc-provider',
        msg: first.replace(LIBRARY_LINE, ''),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      return;
    }
    original(...args);
  };
}

console.warn = forward(40, console.warn.bind(console));
console.info = forward(30, console.info.bind(console));
