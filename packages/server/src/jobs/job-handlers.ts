import type { ServerContext } from '../context';
import { deliverHandler, reminderHandler } from '../services/notify/reminders';
import { schemeImportHandler } from '../services/scheme-upload.service';
import type { JobKind } from './job-queue';
import type { JobHandler } from './job-runner';
import { inactiveAccountsHandler } from './schedules';

/** Every job kind and the service that works it. */
export function jobHandlers(ctx: ServerContext): Record<JobKind, JobHandler> {
  return { 'scheme-import': schemeImportHandler(ctx), 'calendar-reminders': reminderHandler(ctx), 'notify-deliver': deliverHandler(ctx), 'inactive-accounts': inactiveAccountsHandler(ctx) };
}
