import type { ServerContext } from '../../context';
import { type PushAdapter, pushAdapterOf } from './push-adapter';
import { configuredZzdAdapter } from './zzd-push';

/**
 * The adapter reminders go through: one set on the context (tests, the demo), else the 浙政钉 channel
 * the security administrator configured (`zzd-push.ts`), else none.
 */
export async function activePushAdapter(ctx: ServerContext): Promise<PushAdapter | null> {
  return pushAdapterOf(ctx) ?? (await configuredZzdAdapter(ctx));
}
