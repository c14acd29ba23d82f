import { z } from 'zod';

/**
 * The one place that reads the environment. Every other module receives a `Config`.
 * Parsing collects every bad variable so an operator fixes them in one go.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  /** PostgreSQL connection string; when absent the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Or the connection in parts (信创 databases listen on their own ports, e.g. KingbaseES 54321):
   * used when DATABASE_URL is not set and DATABASE_HOST is.
   */
  DATABASE_HOST: z.string().regex(/^[A-Za-z0-9._:\-[\]]+$/, 'must be a host name or address').optional(),
  DATABASE_PORT: int(1, 65535).default(5432),
  DATABASE_NAME: z.string().min(1).default('kaohe'),
  DATABASE_USER: z.string().min(1).default('kaohe'),
  DATABASE_PASSWORD: z.string().optional(),
  /** How the server authenticates: password (SCRAM/MD5 as the server asks, or an openGauss SHA256 driver) or none (trust/peer). */
  DATABASE_AUTH: z.enum(['password', 'none']).default('password'),
  /** SQL dialect: pg (PostgreSQL, KingbaseES/openGauss/Vastbase in PG mode). dm (达梦) is reserved and refused until built. */
  DATABASE_DIALECT: z.enum(['pg', 'dm']).default('pg'),
  /** A module exporting a pg-compatible { Pool, Client } (e.g. an openGauss driver with SHA256 auth) used instead of `pg`. */
  DATABASE_DRIVER_MODULE: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  /** false when the server connects as a role that does not own the tables (the owner runs migrations). */
  DATABASE_MIGRATE: bool.default(true),
  /** Schema to install into on PostgreSQL (default: the server's search_path, normally public). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Evidence files live here, never inside a served folder. Default: DATA_DIR/evidence. */
  EVIDENCE_DIR: z.string().min(1).optional(),
  EVIDENCE_MAX_BYTES: int(1, 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  EVIDENCE_EXTENSIONS: csv.default(['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx', 'doc', 'xls', 'txt']),
  /** Signs the session cookie and keys the audit chain's HMAC unless AUDIT_KEY is set. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** 'gm' is the older name of 'gm-soft'. */
  CRYPTO_PROFILE: z
    .enum(['intl', 'gm', 'gm-soft', 'gm-hsm'])
    .default('intl')
    .transform((v) => (v === 'gm' ? 'gm-soft' : v)),
  /** Key-encryption key (32 bytes, base64 or hex) that wraps the data keys of field encryption. */
  KEK: z.string().optional(),
  /** File holding the KEK (same encoding); preferred over KEK in the environment. */
  KEK_FILE: z.string().min(1).optional(),
  HSM_URL: z.string().url('must be a URL').optional(),
  HSM_TOKEN: z.string().optional(),
  HSM_KEK_LABEL: z.string().min(1).default('kaohe-kek'),
  HSM_SIGN_LABEL: z.string().min(1).default('kaohe-seal'),
  /** 'level3' switches on every 等保 三级 requirement (plain HTTP refused, HSTS, admin allowlist if set). */
  SECURITY_PROFILE: z.enum(['standard', 'level3']).default('standard'),
  /** TLS ends at a trusted proxy listed in TRUST_PROXIES (e.g. a 国密 TLCP gateway). */
  BEHIND_TLS_PROXY: bool.default(false),
  HSTS_MAX_AGE_SECONDS: int(0, 63_072_000).default(31_536_000),
  /** Administrator routes answer only from these networks (empty = anywhere). */
  ADMIN_ALLOWED_CIDRS: csv.default([]),
  INACTIVE_ACCOUNT_DAYS: int(1, 3650).default(90),
  INACTIVE_AUTO_DISABLE: bool.default(false),
  /** Hours between scheduled inactive-account checks (0 = off; unset: 24 in the level-3 profile, else off). */
  INACTIVE_ACCOUNT_CHECK_HOURS: int(0, 24 * 366).optional(),
  ALERT_FAILED_LOGINS_PER_IP: int(2, 10_000).default(10),
  ALERT_FORBIDDEN_ADMIN_BURST: int(2, 10_000).default(10),
  ALERT_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  /** Timeout of every call to an identity provider (≤ 5 s so local login never waits on it). */
  SSO_TIMEOUT_MS: int(100, 5000).default(5000),
  /** Six months of logs is the legal minimum (网络安全法 第二十一条); 184 days covers any six months. */
  AUDIT_RETENTION_DAYS: int(184, 36500).default(184),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 72).default(8),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXIES: csv.default([]),
  PASSWORD_MIN_LENGTH: int(8, 128).default(8),
  PASSWORD_MIN_CLASSES: int(1, 4).default(3),
  PASSWORD_HISTORY: int(0, 24).default(5),
  /** PBKDF2-HMAC-SM3 iterations for passwords in the gm profiles (密评: at least 100 000). */
  PASSWORD_PBKDF2_ITERATIONS: int(100_000, 10_000_000).default(100_000),
  PASSWORD_MAX_AGE_DAYS: int(0, 3650).default(90),
  LOCKOUT_THRESHOLD: int(1, 100).default(5),
  LOCKOUT_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  LOCKOUT_DURATION_MINUTES: int(1, 24 * 60).default(15),
  TOTP_REQUIRED_FOR_ALL: bool.default(false),
  /** Results are recomputed this long after the last change to an assessment's facts (0 = only on request). */
  RECOMPUTE_DELAY_MS: int(0, 600_000).default(2000),
  /** Background jobs (scheme import): how often the runner looks for work, and how long a claim lasts without a progress report. */
  JOB_POLL_MS: int(0, 600_000).default(2000),
  JOB_LEASE_MS: int(1000, 3_600_000).default(120_000),
  DEMO_ON_EMPTY: bool.default(true),
  DEMO_SCHEME_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number; searchPath?: string; migrate: boolean; dialect: 'pg'; driverModule?: string };
  dataDir: string;
  evidence: { dir: string; maxBytes: number; extensions: string[] };
  sessionSecret: string;
  auditKey: string;
  cryptoProfile: 'intl' | 'gm-soft' | 'gm-hsm';
  kek: { source: 'env'; value: string } | { source: 'file'; path: string } | { source: 'hsm' } | { source: 'dev'; value: string };
  hsm: { url: string; token: string | null; kekLabel: string; signLabel: string } | null;
  securityProfile: 'standard' | 'level3';
  behindTlsProxy: boolean;
  hstsMaxAgeSeconds: number;
  adminAllowedCidrs: string[];
  inactiveAccounts: { days: number; autoDisable: boolean; checkHours: number };
  alerts: { failedLoginsPerIp: number; forbiddenAdminBurst: number; windowMinutes: number };
  ssoTimeoutMs: number;
  auditRetentionDays: number;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  trustProxies: string[];
  passwordPolicy: PasswordPolicy;
  pbkdf2Iterations: number;
  lockout: { threshold: number; windowMinutes: number; durationMinutes: number };
  totpRequiredForAll: boolean;
  recomputeDelayMs: number;
  jobs: { pollMs: number; leaseMs: number };
  demo: { onEmpty: boolean; schemePath: string | null };
  logLevel: string;
};

export type PasswordPolicy = {
  minLength: number;
  minClasses: number;
  history: number;
  maxAgeDays: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  // Empty values count as unset, so `PORT=` in a .env file falls back to the default.
  const cleaned: Env = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  const production = (cleaned.NODE_ENV ?? 'development') === 'production';
  // With PostgreSQL several processes may share the database: each must sign sessions and key the
  // audit chain with the same secrets, which a default derived from its own DATA_DIR is not.
  // (NODE_ENV=test: a test process opens its own schema and sets its keys itself.)
  const shared = !production && cleaned.DATABASE_URL !== undefined && cleaned.NODE_ENV !== 'test';
  for (const name of ['SESSION_SECRET', 'AUDIT_KEY'] as const) {
    if (production && !cleaned[name]) problems.push(`${name}: required when NODE_ENV=production`);
    if (shared && !cleaned[name]) problems.push(`${name}: 使用 PostgreSQL（DATABASE_URL）时必须设置（至少 32 个字符），且每个服务进程使用相同的值；未设置时各进程按自己的数据目录生成不同的密钥，会话和审计链在进程之间无法互认`);
  }
  const profile = cleaned.CRYPTO_PROFILE;
  if (profile === 'gm-hsm' && !cleaned.HSM_URL) problems.push('HSM_URL: required when CRYPTO_PROFILE=gm-hsm');
  if (production && !cleaned.KEK && !cleaned.KEK_FILE && profile !== 'gm-hsm') {
    problems.push('KEK or KEK_FILE: required when NODE_ENV=production (or CRYPTO_PROFILE=gm-hsm with the KEK in the device)');
  }
  if (cleaned.KEK && cleaned.KEK_FILE) problems.push('KEK, KEK_FILE: set only one of them');
  if (cleaned.SECURITY_PROFILE === 'level3' && cleaned.BEHIND_TLS_PROXY && !cleaned.TRUST_PROXIES) {
    problems.push('TRUST_PROXIES: required when BEHIND_TLS_PROXY=true (the TLS proxy must be listed)');
  }
  if (cleaned.DATABASE_DIALECT === 'dm') problems.push('DATABASE_DIALECT: dm (达梦) is reserved and not supported yet; use pg');
  if (cleaned.DATABASE_AUTH === 'none' && cleaned.DATABASE_PASSWORD) problems.push('DATABASE_PASSWORD: set with DATABASE_AUTH=none');
  if (cleaned.DATABASE_AUTH !== 'none' && cleaned.DATABASE_HOST && !cleaned.DATABASE_URL && !cleaned.DATABASE_PASSWORD) {
    problems.push('DATABASE_PASSWORD: required with DATABASE_HOST unless DATABASE_AUTH=none');
  }
  if (cleaned.DATABASE_URL && cleaned.DATABASE_HOST) problems.push('DATABASE_URL, DATABASE_HOST: set only one of them');
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const sessionSecret = e.SESSION_SECRET ?? devSecret('session', e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database:
      e.DATABASE_URL || e.DATABASE_HOST
        ? {
            kind: 'postgres',
            url: e.DATABASE_URL ?? databaseUrlOf(e),
            poolSize: e.DATABASE_POOL_SIZE,
            migrate: e.DATABASE_MIGRATE,
            dialect: 'pg',
            ...(e.DATABASE_SCHEMA ? { searchPath: e.DATABASE_SCHEMA } : {}),
            ...(e.DATABASE_DRIVER_MODULE ? { driverModule: e.DATABASE_DRIVER_MODULE } : {}),
          }
        : { kind: 'pglite', dataDir: `${e.DATA_DIR.replace(/\/+$/, '')}/pglite` },
    dataDir: e.DATA_DIR,
    evidence: {
      dir: e.EVIDENCE_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/evidence`,
      maxBytes: e.EVIDENCE_MAX_BYTES,
      extensions: e.EVIDENCE_EXTENSIONS.map((x) => x.toLowerCase().replace(/^\./, '')),
    },
    sessionSecret,
    auditKey: e.AUDIT_KEY ?? devSecret('audit', e.DATA_DIR),
    cryptoProfile: e.CRYPTO_PROFILE,
    kek: e.KEK_FILE
      ? { source: 'file', path: e.KEK_FILE }
      : e.KEK
        ? { source: 'env', value: e.KEK }
        : e.CRYPTO_PROFILE === 'gm-hsm'
          ? { source: 'hsm' }
          : { source: 'dev', value: devSecret('kek', e.DATA_DIR) },
    hsm: e.HSM_URL ? { url: e.HSM_URL, token: e.HSM_TOKEN ?? null, kekLabel: e.HSM_KEK_LABEL, signLabel: e.HSM_SIGN_LABEL } : null,
    securityProfile: e.SECURITY_PROFILE,
    behindTlsProxy: e.BEHIND_TLS_PROXY,
    hstsMaxAgeSeconds: e.HSTS_MAX_AGE_SECONDS,
    adminAllowedCidrs: e.ADMIN_ALLOWED_CIDRS,
    inactiveAccounts: { days: e.INACTIVE_ACCOUNT_DAYS, autoDisable: e.INACTIVE_AUTO_DISABLE, checkHours: e.INACTIVE_ACCOUNT_CHECK_HOURS ?? (e.SECURITY_PROFILE === 'level3' ? 24 : 0) },
    alerts: { failedLoginsPerIp: e.ALERT_FAILED_LOGINS_PER_IP, forbiddenAdminBurst: e.ALERT_FORBIDDEN_ADMIN_BURST, windowMinutes: e.ALERT_WINDOW_MINUTES },
    ssoTimeoutMs: e.SSO_TIMEOUT_MS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE ?? production,
    },
    trustProxies: e.TRUST_PROXIES,
    passwordPolicy: {
      minLength: e.PASSWORD_MIN_LENGTH,
      minClasses: e.PASSWORD_MIN_CLASSES,
      history: e.PASSWORD_HISTORY,
      maxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    },
    pbkdf2Iterations: e.PASSWORD_PBKDF2_ITERATIONS,
    lockout: {
      threshold: e.LOCKOUT_THRESHOLD,
      windowMinutes: e.LOCKOUT_WINDOW_MINUTES,
      durationMinutes: e.LOCKOUT_DURATION_MINUTES,
    },
    totpRequiredForAll: e.TOTP_REQUIRED_FOR_ALL,
    recomputeDelayMs: e.RECOMPUTE_DELAY_MS,
    jobs: { pollMs: e.JOB_POLL_MS, leaseMs: e.JOB_LEASE_MS },
    demo: { onEmpty: e.DEMO_ON_EMPTY, schemePath: e.DEMO_SCHEME_PATH ?? null },
    logLevel: e.LOG_LEVEL,
  };
}

/** The connection string from its parts, every part percent-encoded (passwords often hold @ or /). */
function databaseUrlOf(e: z.infer<typeof envSchema>): string {
  const user = encodeURIComponent(e.DATABASE_USER);
  const credentials = e.DATABASE_AUTH === 'none' || !e.DATABASE_PASSWORD ? user : `${user}:${encodeURIComponent(e.DATABASE_PASSWORD)}`;
  const host = e.DATABASE_HOST!.includes(':') && !e.DATABASE_HOST!.startsWith('[') ? `[${e.DATABASE_HOST}]` : e.DATABASE_HOST;
  return `postgres://${credentials}@${host}:${e.DATABASE_PORT}/${encodeURIComponent(e.DATABASE_NAME)}`;
}

/**
 * Outside production a missing secret is derived from the data folder so a developer's
 * `npm start` works and keeps sessions across restarts; production refuses to start without one.
 */
function devSecret(purpose: string, dataDir: string): string {
  return `kaohe-dev-${purpose}-not-for-production-${dataDir}`.padEnd(48, '.');
}
