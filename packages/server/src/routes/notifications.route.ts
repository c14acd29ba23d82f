import { notificationsApi } from '@kaohe/contract/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { markRead, myNotifications } from '../services/notify/notifications';
import { channelsView, setSmtpChannel } from '../services/notify/smtp';
import { setZzdChannel } from '../services/notify/zzd-push';
import { actorOf, userActor } from './route-helpers';

/** In-app notifications of the signed-in user, and the delivery channels (security administrator). */
export function notificationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(notificationsApi.mine.path, routeOf(notificationsApi.mine), async (request) => myNotifications(ctx.db, userActor(request).userId, request.query.unread === 'true'));
    app.post(notificationsApi.markRead.path, routeOf(notificationsApi.markRead), async (request) => markRead(ctx.db, userActor(request).userId, request.params.id, ctx.clock.now()));
    app.get(notificationsApi.channels.path, routeOf(notificationsApi.channels), async () => channelsView(ctx));
    app.put(notificationsApi.setSmtp.path, routeOf(notificationsApi.setSmtp), async (request) => setSmtpChannel(ctx, actorOf(request), request.body));
    app.put(notificationsApi.setZzd.path, routeOf(notificationsApi.setZzd), async (request) => {
      await setZzdChannel(ctx, actorOf(request), request.body);
      return channelsView(ctx);
    });
  };
}
