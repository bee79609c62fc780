import { agencyPaths } from '../../paths';
import { notificationSchema } from '../../types';
import { issueNumber, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, intake } from '../intake';

/** Notification gateway: queues an SMS or 政务微信 message and answers 202 with its message id. */
export function notificationRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'notification');
  router.post(
    agencyPaths.notification.messages,
    intake(ctx, 'notification', notificationSchema, (message, { idempotencyKey }) => {
      const filing = takeIn(
        ctx,
        'notification',
        `${message.channel}-message`,
        issueNumber(ctx, 'message'),
        idempotencyKey,
        message,
      );
      return { status: 202, body: { messageId: filing.receiptNo, acceptedAt: filing.receivedAt } };
    }),
  );
  return router;
}
