import { env } from "./env";

/** The company's time zone (COMPANY_TIME_ZONE): the one for dates, deadlines and study days. */
export function companyTimeZone() {
  return env().COMPANY_TIME_ZONE;
}
