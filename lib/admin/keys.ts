// Keys for records HR names in Russian: departments, decks, cards and exams get a Latin key
// (content files and URLs name them by it), unique among their kind.

const latin: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** A Latin key from a (Russian) name: «Отдел продаж» → "otdel-prodazh"; a name with no letter or digit to keep → the fallback. */
export function latinKeyFrom(name: string, fallback: string) {
  const slug = [...name.toLowerCase()]
    .map((char) => latin[char] ?? char)
    .join("")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 50)
    .replace(/^-+|-+$/g, "");
  return slug || fallback;
}

/** The key, or the first of key-2, key-3… that is not taken. */
export function firstFreeKey(key: string, taken: Iterable<string>) {
  const used = new Set(taken);
  let candidate = key;
  for (let n = 2; used.has(candidate); n++) candidate = `${key}-${n}`;
  return candidate;
}
