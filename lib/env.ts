import { availableParallelism } from "node:os";
import { z } from "zod";

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

const port = (fallback: number) =>
  z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 65535")
      .max(65535, "must be between 1 and 65535")
      .default(fallback),
  );

function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const databaseUrl = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(value) && URL.canParse(value), {
      error: "must look like postgresql://user:password@host:5432/database",
    })
    .optional(),
);

const envSchema = z.object({
  DATABASE_URL: databaseUrl,
  /** A disposable database for `seed:load` and `bench:reports`; never DATABASE_URL's. */
  LOAD_DATABASE_URL: databaseUrl,
  PORT: port(3000),
  EMBEDDED_PG_PORT: port(54329),
  PORTAL_DATA_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
  AUTH_SECRET: z.preprocess(
    emptyAsUnset,
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  WEB_CONCURRENCY: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 32")
      .max(32, "must be between 1 and 32")
      .default(Math.min(availableParallelism(), 4)),
  ),
  /** How many proxies in front of the portal append to X-Forwarded-For; 0: clients connect directly. */
  TRUST_PROXY: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a number of proxy hops" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 10")
      .max(10, "must be between 0 and 10")
      .default(0),
  ),
  /** Where the servers append their JSON log lines; unset: standard output. */
  LOG_FILE: z.preprocess(emptyAsUnset, z.string().optional()),
  /** How often `npm start` finalises the attempts past their deadline that no request touched. */
  SWEEP_INTERVAL_SECONDS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 3600")
      .max(3600, "must be between 1 and 3600")
      .default(30),
  ),
  COMPANY_TIME_ZONE: z.preprocess(
    emptyAsUnset,
    z.string().refine(isTimeZone, { error: "must be an IANA time zone such as Europe/Moscow" }).default("Europe/Moscow"),
  ),
  /** The company's name on printed documents (the attestation protocol); unset: the top department's name. */
  COMPANY_NAME: z.preprocess(emptyAsUnset, z.string().trim().max(200, "must be at most 200 characters").optional()),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses the environment; a bad value throws an EnvError naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  throw new EnvError(`Environment variable ${name} is invalid: ${issue.message}.`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
