// Dates and times HR types in datetime-local inputs: wall-clock values in the company's time zone.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { companyTimeZone } from "../time-zone";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant of a wall-clock date and time (YYYY-MM-DDTHH:mm, as a datetime-local input
 * gives it) in the time zone, or null when no such date exists (31 February, 25:00).
 */
export function companyInstant(local: string, timeZone = companyTimeZone()): Date | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const instant = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (instant.getDate() !== day || instant.getMonth() !== month - 1) return null;
  return new Date(instant.getTime());
}

/** The wall-clock date and time (YYYY-MM-DDTHH:mm, as a datetime-local input takes it) of an instant in the time zone. */
export function companyLocal(instant: Date, timeZone = companyTimeZone()): string {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd'T'HH:mm");
}

/** An optional date and time from a datetime-local input: "" or null for none, else read in the company's time zone. */
export const companyDateTimeField = (message: () => string) =>
  z
    .string({ error: message })
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const instant = companyInstant(value);
      if (!instant) ctx.addIssue({ code: "custom", message: message() });
      return instant;
    });
