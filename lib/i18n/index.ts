import { ru, type Messages } from "./ru";

export type Locale = "ru";
export const defaultLocale: Locale = "ru";

const catalogs: Record<Locale, Messages> = { ru };

/** The UI strings of a locale (only Russian for now). */
export function messages(locale: Locale = defaultLocale): Messages {
  return catalogs[locale];
}
