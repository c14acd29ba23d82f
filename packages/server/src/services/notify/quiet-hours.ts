/**
 * Quiet hours (免打扰) in the office's local time, e.g. 22:00–08:00 (crossing midnight) or
 * 12:00–14:00. An instant inside them moves to their end; any other instant is kept.
 */
export function outOfQuietHours(at: Date, quietFrom: string, quietTo: string, utcOffsetMinutes: number): Date {
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const from = minutesOf(quietFrom);
  const to = minutesOf(quietTo);
  if (from === to) return at;
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return at;
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // the end is today at `to` when we are before it, else tomorrow at `to`
  const endLocal = dayStart + to * 60_000 + (minute < to ? 0 : 86_400_000);
  return new Date(endLocal - utcOffsetMinutes * 60_000);
}
