import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = join(import.meta.dirname, '..', '..', '..');
export const screenshotDir = join(root, 'docs', 'screenshots');
export const chromiumPath = '/usr/bin/chromium';

export type DemoAccount = { login: string; password: string; totpSecret: string | null };
export type Server = { origin: string; accounts: Map<string, DemoAccount>; stop: () => Promise<void>; output: () => string };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Builds the web app if its sources changed, the way `npm start` does. */
export function buildWeb(): void {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-web.mjs')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The real server (packages/server/src/main.ts, what `npm start` runs) on a fresh PGlite data
 * directory: it loads the 佳县 demo and prints each account's one-time password and TOTP key.
 */
export async function startServer(): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-'));
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_ON_EMPTY: 'true', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 240_000;
  while (!out.includes('listening on')) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const accounts = new Map<string, DemoAccount>();
  for (const m of out.matchAll(/^ {2}(\S+)\s+(\S+)\s{2}.*?(?:TOTP 密钥 ([A-Z2-7]+))?$/gm)) {
    accounts.set(m[1]!, { login: m[1]!, password: m[2]!, totpSecret: m[3] ?? null });
  }
  if (!accounts.has('kpb')) throw new Error(`no demo accounts in the server output:\n${out}`);
  return {
    origin: `http://127.0.0.1:${port}`,
    accounts,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

export type Browsing = { browser: Browser; blocked: string[]; newContext: (viewport?: { width: number; height: number }) => Promise<BrowserContext> };

/**
 * Debian's Chromium (no browser download). Every request that would leave the origin is aborted
 * and recorded, so a test can assert that none was attempted.
 */
export async function launch(origin: string): Promise<Browsing> {
  if (!existsSync(chromiumPath)) throw new Error(`没有找到 ${chromiumPath}：请先安装 apt-get install -y chromium fonts-noto-cjk`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const blocked: string[] = [];
  const newContext = async (viewport = { width: 1366, height: 768 }) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    return context;
  };
  return { browser, blocked, newContext };
}

/** Logs in through the login screen (with the TOTP code when the account has a key). */
export async function login(page: Page, origin: string, account: DemoAccount, password = account.password): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('登录名').fill(account.login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  if (account.totpSecret) await page.getByLabel('动态口令').fill(totp(account.totpSecret));
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Saves a screenshot to docs/screenshots and returns the page's text, to check for the expected Chinese. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
  return page.innerText('body');
}

/** What Kaohe left in the browser's storage: every key of local and session storage. */
export const storageOf = (page: Page) =>
  page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));

/** A demo account the server printed, by login name. */
export function accountOf(server: Server, name: string): DemoAccount {
  const account = server.accounts.get(name);
  if (!account) throw new Error(`demo account ${name} missing`);
  return account;
}

/** Logs out through the top bar and returns what Kaohe left in local and session storage (should be nothing). */
export async function logOut(page: Page): Promise<{ local: string[]; session: string[] }> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  return storageOf(page);
}
