import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { notifications } from '../../db/schema';
import { AppError } from '../../lib/app-error';

type Row = typeof notifications.$inferSelect;
export const notificationView = (r: Row) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, assessmentId: r.assessmentId, dueItemId: r.dueItemId, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null });

export async function myNotifications(db: Db, userId: string, unreadOnly: boolean) {
  const rows = await db
    .select()
    .from(notifications)
    .where(unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(500);
  return rows.map(notificationView);
}

/** Only the recipient marks a notification read; another user's is 404 (its existence is not disclosed). */
export async function markRead(db: Db, userId: string, id: string, now: Date) {
  const [row] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw new AppError('not-found', '通知不存在');
  if (row.readAt) return notificationView(row);
  const [updated] = await db.update(notifications).set({ readAt: now }).where(eq(notifications.id, id)).returning();
  return notificationView(updated!);
}
