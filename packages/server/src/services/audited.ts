import { appendAudit, type AuditActor, type AuditEvent } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';

/**
 * Runs a change and its audit record in one transaction: the record describes the result
 * (`after`, object id) and if it cannot be written the change is rolled back.
 */
export async function audited<T>(
  ctx: ServerContext,
  actor: AuditActor,
  event: Omit<AuditEvent, 'outcome' | 'after'> & { after?: (result: NoInfer<T>) => unknown; objectIdOf?: (result: NoInfer<T>) => string },
  change: (tx: Db) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const result = await change(tx);
    await appendAudit(tx, ctx.audit, actor, {
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectIdOf ? event.objectIdOf(result) : (event.objectId ?? null),
      before: event.before,
      after: event.after ? event.after(result) : result,
      outcome: 'success',
    });
    return result;
  });
}
