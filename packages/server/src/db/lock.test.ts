import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DatabaseLockedError } from './lock';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('acquireLock', () => {
  it('refuses a second opener with a message naming the owner and the way out', () => {
    const path = join(dir, 'a.lock');
    const lock = acquireLock(path, '/data/pglite');
    expect(() => acquireLock(path, '/data/pglite')).toThrow(DatabaseLockedError);
    expect(() => acquireLock(path, '/data/pglite')).toThrow(new RegExp(`already open in process ${process.pid}`));
    lock.release();
    acquireLock(path, '/data/pglite').release();
  });

  it('takes over the lock of a process that no longer runs (after SIGKILL)', () => {
    const path = join(dir, 'b.lock');
    writeFileSync(path, '999999999');
    const lock = acquireLock(path, '/data/pglite');
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
