// What `npm start` seeds on a database that was never seeded.

/**
 * The demo accounts, whose password is published, come only with the embedded default
 * (a newcomer's first run) or when asked for with --demo: a server given by DATABASE_URL
 * is a real install, where no door may open with a known password.
 */
export function seedsDemoOnFirstRun(database: { embedded: boolean }, options: { demo: boolean }) {
  return database.embedded || options.demo;
}
