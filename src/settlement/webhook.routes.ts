import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { databaseUnavailable, ServiceUnavailableError } from '../platform/db/unavailable.js';
import { logger } from '../platform/logger.js';
import { settlementLimits } from './settlement.config.js';
import type { WebhookIntake } from './webhook-intake.js';

/**
 * POST /webhooks/<slug>: a processor's deliveries, as processors call them (plain HTTP, JSON
 * answers with a stable `code` when refused). The body is read raw, up to webhookBodyBytesMax,
 * since its signature covers its exact bytes.
 */
export function mountWebhooks(router: Router, intake: () => WebhookIntake): void {
  router.post('/webhooks/:slug', express.raw({ type: () => true, limit: settlementLimits.webhookBodyBytesMax }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      const answer = await intake().receive({ slug: String(req.params.slug), headers, body });
      res.status(answer.status).json(answer.body);
    } catch (error) {
      next(error);
    }
  }, webhookErrors);
}

/** A body too large or unreadable, the database unreachable or too much waiting (503, retry: the processor will), or a bug (500). */
function webhookErrors(error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large') {
    res.status(413).json({ code: 'WEBHOOK_BODY_TOO_LARGE', message: `a webhook body is at most ${settlementLimits.webhookBodyBytesMax} bytes` });
    return;
  }
  if (error instanceof ServiceUnavailableError || databaseUnavailable(error)) {
    const unavailable = error instanceof ServiceUnavailableError ? error : new ServiceUnavailableError();
    res.status(503).setHeader('retry-after', String(unavailable.details.retryAfterSeconds ?? 1)).json({ code: unavailable.code, message: unavailable.message });
    return;
  }
  if (error.status && error.status >= 400 && error.status < 500) {
    res.status(400).json({ code: 'WEBHOOK_BODY_UNREADABLE', message: 'the request body could not be read' });
    return;
  }
  logger.error({ err: error }, 'unexpected error in a webhook delivery');
  res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
}
