import { DateTime } from 'luxon';
import type { BudgetPeriod } from '../db/values.js';

export type { BudgetPeriod } from '../db/values.js';

/** One budget period: [start, end), computed in the budget's time zone. */
export interface PeriodWindow {
  period: BudgetPeriod;
  start: Date;
  end: Date;
}

/** True when `zone` is an IANA time zone name luxon (and so Intl) understands. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * The period containing `now`: local midnight to midnight (daily) or the first of the month to
 * the next (monthly) in `timeZone`, so a budget resets when its owner's day does.
 */
export function periodWindow(period: BudgetPeriod, timeZone: string, now: Date): PeriodWindow {
  const unit = period === 'daily' ? 'day' : 'month';
  const local = DateTime.fromJSDate(now, { zone: timeZone }).startOf(unit);
  return { period, start: local.toJSDate(), end: local.plus(period === 'daily' ? { days: 1 } : { months: 1 }).toJSDate() };
}
