import type { ServerContext } from '../../context';

/**
 * A government message-push platform (浙政钉 工作通知, 粤政易, 闽政通 and similar). Each platform
 * gets a small adapter of this type; the server hands it one message per recipient and records the
 * outcome in the outbox and the audit trail. `send` throws with a Chinese message on failure.
 */
export type PushMessage = { userId: string; login: string; title: string; body: string };
export type PushAdapter = { name: string; send: (message: PushMessage) => Promise<{ messageId: string }> };

// Keyed by the context's field cipher: buildApp derives its own context from the one it is given
// (spreading it), and both share that object, so an adapter set on either reaches the job handlers.
const adapters = new WeakMap<object, PushAdapter>();

export function setPushAdapter(ctx: Pick<ServerContext, 'fields'>, adapter: PushAdapter | null): void {
  if (adapter) adapters.set(ctx.fields, adapter);
  else adapters.delete(ctx.fields);
}

export function pushAdapterOf(ctx: Pick<ServerContext, 'fields'>): PushAdapter | null {
  return adapters.get(ctx.fields) ?? null;
}

/** An adapter that keeps every message it is given (tests and the demo: the "mock channel"). */
export function createRecordingPushAdapter(name = '测试推送通道'): PushAdapter & { sent: (PushMessage & { messageId: string })[] } {
  const sent: (PushMessage & { messageId: string })[] = [];
  return {
    name,
    sent,
    send: async (message) => {
      const messageId = `rec-${sent.length + 1}`;
      sent.push({ ...message, messageId });
      return { messageId };
    },
  };
}
