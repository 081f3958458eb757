import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startJobScheduler } from '../src/jobs/scheduler.js';
import { buildTestApp } from './helpers/app.js';

describe('jobs.resilience', () => {
  it('logs a scheduled job that cannot reach the database and keeps the process up', async () => {
    const t = await buildTestApp({ env: { JOB_GRACE_EXPIRY_CRON: '* * * * * *', JOB_WEBHOOK_CLEANUP_CRON: 'off' } });
    const lines: { msg?: string; job?: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { msg?: string; job?: string }) });
    // The database goes away before the job claims its occurrence.
    await t.database.drop();
    const scheduler = startJobScheduler({ ...t.services, logger });
    try {
      for (let attempt = 0; attempt < 60 && !lines.some((line) => line.msg?.includes('could not start')); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(lines).toContainEqual(expect.objectContaining({ job: 'grace-expiry', msg: expect.stringContaining('could not start') as string }));
    } finally {
      scheduler.stop();
      await t.app.close();
      await t.services.runtime.close();
    }
  });
});
