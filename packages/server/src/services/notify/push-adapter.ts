import type { ServerContext } from '../../context';

/**
 * A government message-push platform (浙政钉 工作通知, 粤政易, 闽政通 and similar). Each platform
 * gets a small adapter of this type; the server hands it one message per recipient and records the
 * outcome in the outbox and the audit trail. `send` throws with a Chinese message on failure.
 */
export type PushMessage = { userId: string; login: string; title: string; body: string };
export type PushAdapter = { name: string; send: (message: PushMessage) => Promise<{ messageId: string }> };

const adapters = new WeakMap<ServerContext, PushAdapter>();

export function setPushAdapter(ctx: ServerContext, adapter: PushAdapter | null): void {
  if (adapter) adapters.set(ctx, adapter);
  else adapters.delete(ctx);
}

export function pushAdapterOf(ctx: ServerContext): PushAdapter | null {
  return adapters.get(ctx) ?? null;
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
