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

const optionalText = z.preprocess(emptyAsUnset, z.string().trim().min(1).optional());

const corporateSignIn = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

const absoluteUrl = (protocols: RegExp, example: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((value) => URL.canParse(value) && protocols.test(new URL(value).protocol), { error: `must look like ${example}` })
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
  /** Corporate sign-in (OpenID Connect): all three or none. */
  OIDC_ISSUER: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  /** The provider's name people know (e.g. "Keycloak"), shown on the sign-in button. */
  OIDC_NAME: optionalText,
  /** "admins": only ADMIN signs in with a password (the break-glass account); everyone else through OIDC. */
  PASSWORD_SIGN_IN: z.preprocess(emptyAsUnset, z.enum(["all", "admins"], { error: "must be all or admins" }).default("all")),
  /** The SMTP server e-mail goes through (lib/mail/); unset: e-mail is off. */
  SMTP_URL: absoluteUrl(/^smtps?:$/, "smtp://user:password@mail.example:587 or smtps://…:465"),
  /** The sender of the portal's e-mail, e.g. "Аттестация <attestation@company.example>". */
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().optional()),
  /** The portal's address as people open it, for the links in e-mail. */
  PORTAL_URL: absoluteUrl(/^https?:$/, "https://portal.company.example"),
  /** The company's name on printed documents (the attestation protocol); unset: the top department's name. */
  COMPANY_NAME: z.preprocess(emptyAsUnset, z.string().trim().max(200, "must be at most 200 characters").optional()),
}).superRefine((values, context) => {
  const given = corporateSignIn.find((name) => values[name]);
  if (given) {
    for (const name of corporateSignIn) {
      if (!values[name]) context.addIssue({ code: "custom", path: [name], message: `needed with ${given}` });
    }
  } else if (values.PASSWORD_SIGN_IN === "admins") {
    context.addIssue({ code: "custom", path: ["PASSWORD_SIGN_IN"], message: "admins needs corporate sign-in (OIDC_ISSUER)" });
  }
  if (values.SMTP_URL) {
    // E-mail needs a sender and absolute links: without them it would go out broken.
    for (const name of ["MAIL_FROM", "PORTAL_URL"] as const) {
      if (!values[name]) context.addIssue({ code: "custom", path: [name], message: "must be set when SMTP_URL is set" });
    }
  }
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
