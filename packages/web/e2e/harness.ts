import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

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

/**
 * Saves a screenshot to docs/screenshots and returns the page's text, to check for the expected
 * Chinese. Not 'networkidle': the notification bell polls, so the network need never fall idle;
 * the caller waits for what it expects on screen, this waits for antd's spinners to stop.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const busy = () => page.evaluate(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading').length > 0);
  // settled: no spinner on two looks 400 ms apart (a refetch may start just after the first)
  for (let tries = 0, quiet = 0; tries < 50 && quiet < 2; tries++) {
    quiet = (await busy()) ? 0 : quiet + 1;
    await page.waitForTimeout(400);
  }
  await page.evaluate(() => document.fonts.ready);
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

/**
 * One browser test file's setup: builds the web app, starts the real server on a fresh PGlite and
 * Debian's Chromium in beforeAll, stops both in afterAll. `prepare` runs first (fixtures);
 * `startWith` replaces the plain startServer (the compliance file's egress guard).
 */
export function useE2e(options: { prepare?: () => void | Promise<void>; startWith?: () => Promise<Server>; cleanup?: () => void } = {}) {
  const state: { server?: Server; browsing?: Browsing } = {};
  beforeAll(async () => {
    await options.prepare?.();
    buildWeb();
    state.server = await (options.startWith ?? startServer)();
    state.browsing = await launch(state.server.origin);
  });
  afterAll(async () => {
    await state.browsing?.browser.close();
    await state.server?.stop();
    options.cleanup?.();
  });
  const server = () => state.server ?? fail('server not started');
  const browsing = () => state.browsing ?? fail('browser not started');
  return {
    server,
    browsing,
    account: (name: string) => accountOf(server(), name),
    /** A fresh context (1366×768 unless told) logged in as the demo account, the shell loaded. */
    signIn: async (name: string, viewport?: { width: number; height: number }) => {
      const context = await browsing().newContext(viewport);
      const page = await context.newPage();
      await login(page, server().origin, accountOf(server(), name));
      await page.getByTestId('current-user').waitFor();
      return { context, page };
    },
  };
}
const fail = (message: string): never => {
  throw new Error(message);
};

/** Logs out and asserts nothing of Kaohe's stays in the browser (the session cookie is httpOnly and cleared by the server). */
export async function logoutClean(page: Page): Promise<void> {
  expect(await logOut(page)).toEqual({ local: [], session: [] });
}

/** A data row of the page's antd tables holding the text. */
export const row = (scope: Page | Locator, text: string | RegExp) => scope.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: text }).first();

/**
 * Waits for a dialog to close; when it does not, fails with what the dialog says (the server's message).
 * 45 s: on the CI machine at load 10 (a mutation run beside the suite) starting a 公示 once took over 20 s.
 */
export async function closed(dialog: Locator): Promise<void> {
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 45_000 });
  } catch {
    throw new Error(`对话框未关闭：${await dialog.innerText().catch(() => '?')}`);
  }
}

/** Picks an option of the antd select labelled `label`. */
export async function choose(page: Page, label: string, option: string | RegExp, scope: Page | Locator = page.locator('body')): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Whether the page scrolls sideways (a phone screen must not: everything fits or scrolls inside its own table). */
export const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

export const phone = { width: 390, height: 844 };
