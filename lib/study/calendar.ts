// Days are the company's days (COMPANY_TIME_ZONE): "today", daily limits, streaks.
import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfDay } from "date-fns";
import { companyTimeZone } from "../time-zone";

/** The instant the company's current day began, and the instant it ends. */
export function companyDay(now: Date, timeZone = companyTimeZone()) {
  const start = startOfDay(new TZDate(now, timeZone));
  return { start: new Date(start.getTime()), end: new Date(addDays(start, 1).getTime()) };
}

/** The company-calendar date of an instant, as YYYY-MM-DD. */
export function companyDate(instant: Date, timeZone = companyTimeZone()) {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd");
}
