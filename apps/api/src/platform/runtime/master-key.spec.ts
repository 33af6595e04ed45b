import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveMasterKey } from './master-key.js';

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-key-'));
  dirs.push(dir);
  return path.join(dir, 'data');
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('resolveMasterKey', () => {
  it('takes LATCHKEY_MASTER_KEY when set', async () => {
    const key = Buffer.alloc(32, 7);
    expect(await resolveMasterKey(key.toString('base64'), await freshDir())).toEqual(key);
  });

  it('generates one key, owner-only, and reuses it on the next start', async () => {
    const dataDir = await freshDir();
    const first = await resolveMasterKey(undefined, dataDir);
    expect(first).toHaveLength(32);
    expect(await resolveMasterKey(undefined, dataDir)).toEqual(first);
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
  });

  it('gives processes starting together on one data directory the same key', async () => {
    const dataDir = await freshDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => resolveMasterKey(undefined, dataDir)));
    const stored = Buffer.from((await readFile(path.join(dataDir, 'master.key'), 'utf8')).trim(), 'base64');
    for (const key of keys) expect(key).toEqual(stored);
    // No draft is left behind.
    expect(await readdir(dataDir)).toEqual(['master.key']);
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const dataDir = await freshDir();
    await resolveMasterKey(undefined, dataDir);
    await writeFile(path.join(dataDir, 'master.key'), 'not a key\n');
    await expect(resolveMasterKey(undefined, dataDir)).rejects.toThrow('does not hold a base64 32-byte key');
  });
});
