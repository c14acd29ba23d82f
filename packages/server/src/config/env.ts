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
  DATABASE_POOL_SIZE: int(1, 200).default(10),
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
  CRYPTO_PROFILE: z.enum(['intl', 'gm']).default('intl'),
  /** Six months of logs is the legal minimum (网络安全法 第二十一条); 184 days covers any six months. */
  AUDIT_RETENTION_DAYS: int(184, 36500).default(184),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 72).default(8),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXIES: csv.default([]),
  PASSWORD_MIN_LENGTH: int(8, 128).default(8),
  PASSWORD_MIN_CLASSES: int(1, 4).default(3),
  PASSWORD_HISTORY: int(0, 24).default(5),
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
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number; searchPath?: string };
  dataDir: string;
  evidence: { dir: string; maxBytes: number; extensions: string[] };
  sessionSecret: string;
  auditKey: string;
  cryptoProfile: 'intl' | 'gm';
  auditRetentionDays: number;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  trustProxies: string[];
  passwordPolicy: PasswordPolicy;
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
  if (production && !cleaned.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production');
  if (production && !cleaned.AUDIT_KEY) problems.push('AUDIT_KEY: required when NODE_ENV=production');
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const sessionSecret = e.SESSION_SECRET ?? devSecret('session', e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, ...(e.DATABASE_SCHEMA ? { searchPath: e.DATABASE_SCHEMA } : {}) }
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

/**
 * Outside production a missing secret is derived from the data folder so a developer's
 * `npm start` works and keeps sessions across restarts; production refuses to start without one.
 */
function devSecret(purpose: string, dataDir: string): string {
  return `kaohe-dev-${purpose}-not-for-production-${dataDir}`.padEnd(48, '.');
}
