import { and, eq } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { clientKeys } from '../db/schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { RetryableConflict } from './retry';

/**
 * Idempotency keys (`clientKey`) claimed by the write itself.
 *
 * The write's transaction first inserts (scope, key) into `client_keys` with `ON CONFLICT DO
 * NOTHING`, and before it commits stores the response it is about to send. A second request with
 * the same key — through this process or another — blocks on that row until the first commits,
 * then finds it: the same request (digest of what the server read, and the same user) replays the
 * stored response text, a different one is 409 naming the key. The replaying transaction rolls
 * back (nothing written, no audit row), so one business change leaves one row and one audit record
 * however many times and however concurrently it is sent.
 *
 * The replay is the first response byte for byte (stored as JSON text, not jsonb, so its key order
 * survives) except its `replayed` field, which says true.
 */
export type ClientKeyClaim = {
  /** the kind of write; the assessment id is appended (`report:<id>`) */
  kind: 'report' | 'judgement' | 'evidence' | 'facts-import' | 'scheme-upload' | 'appeal';
  assessmentId: string;
  key: string;
  userId: string;
  /** what the server read from the request (fields, file digests): a replay must send the same */
  request: unknown;
  /** in the 409 message: 另一份报送, 另一次导入… */
  what: string;
};

/** What a write does with its key inside its transaction. */
export type ClientKeyGuard<Row, R> = {
  /** first statement of the transaction: claims the key or ends the attempt with the replay or a 409 */
  claim(tx: Db): Promise<void>;
  /** last: builds the response from the written row and stores it with the key */
  respond(tx: Db, row: Row): Promise<R>;
};

class Replay extends Error {
  constructor(readonly response: string) {
    super('clientKey replay');
    this.name = 'Replay';
  }
}

const scopeOf = (c: ClientKeyClaim) => `${c.kind}:${c.assessmentId}`;

function conflict(c: ClientKeyClaim): AppError {
  return new AppError('conflict', `clientKey“${c.key}”已用于${c.what}（内容或提交人不同）；重新提交请使用新的 clientKey`, { clientKey: c.key });
}

function replayOf<R>(text: string): { response: R; replayed: true } {
  const stored = JSON.parse(text) as Record<string, unknown>;
  if ('replayed' in stored) stored['replayed'] = true;
  return { response: stored as R, replayed: true };
}

/** The held key, compared with this request: a replay, a 409, or nothing yet. */
async function held(db: Db, c: ClientKeyClaim, digest: string): Promise<string | null> {
  const [row] = await db.select().from(clientKeys).where(and(eq(clientKeys.scope, scopeOf(c)), eq(clientKeys.key, c.key)));
  if (!row) return null;
  if (row.userId !== c.userId || row.requestSha256 !== digest) throw conflict(c);
  // every claim stores its response in the same transaction, so a committed row has one
  if (row.response === null) throw new RetryableConflict(`clientKey ${c.key} without a response`);
  return row.response;
}

/**
 * Runs `write` (which runs its own audited, retried transaction and calls the guard's `claim` first
 * and `respond` last inside it) under the claim; without a claim (an optional key left out) the
 * guard only builds the response. Returns the response and whether it is a replay.
 */
export async function withClientKey<Row, R>(
  ctx: ServerContext,
  claim: ClientKeyClaim | null,
  build: (tx: Db, row: Row) => Promise<R>,
  write: (guard: ClientKeyGuard<Row, R>) => Promise<unknown>,
): Promise<{ response: R; replayed: boolean }> {
  const digest = claim ? ctx.crypto.digest(canonicalJson(claim.request)) : '';
  if (claim) {
    // fast path, outside any transaction: a replay of a committed write needs no validation again
    const known = await held(ctx.db, claim, digest);
    if (known !== null) return replayOf<R>(known);
  }
  let response: R | undefined;
  let responded = false;
  const guard: ClientKeyGuard<Row, R> = {
    async claim(tx) {
      if (!claim) return;
      const inserted = await tx
        .insert(clientKeys)
        .values({ scope: scopeOf(claim), key: claim.key, requestSha256: digest, userId: claim.userId, response: null, createdAt: ctx.clock.now() })
        .onConflictDoNothing()
        .returning({ key: clientKeys.key });
      if (inserted.length === 1) return;
      // another transaction holds the key and has committed (the insert waited for it)
      const known = await held(tx, claim, digest);
      if (known === null) throw new RetryableConflict(`clientKey ${claim.key} released`);
      throw new Replay(known);
    },
    async respond(tx, row) {
      const r = await build(tx, row);
      if (claim) await tx.update(clientKeys).set({ response: JSON.stringify(r) }).where(and(eq(clientKeys.scope, scopeOf(claim)), eq(clientKeys.key, claim.key)));
      response = r;
      responded = true;
      return r;
    },
  };
  try {
    await write(guard);
  } catch (error) {
    if (error instanceof Replay) return replayOf<R>(error.response);
    throw error;
  }
  if (!responded) throw new Error('withClientKey: the write did not call respond()');
  return { response: response as R, replayed: false };
}
