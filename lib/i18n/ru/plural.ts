const pluralRules = new Intl.PluralRules("ru");

export function plural(n: number, one: string, few: string, many: string) {
  const category = pluralRules.select(n);
  return category === "one" ? one : category === "few" ? few : many;
}
