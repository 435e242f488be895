// The one auth module: Auth.js (next-auth v5) with email + password and, when
// configured, the corporate OpenID Connect provider, JWT
// sessions carrying the user id and role, and the guards every page, action
// and route handler calls. The user is re-read on each request, so a
// deactivation, a role change or a password reset takes effect at once, not at
// token expiry.
import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { env } from "./env";
import { checkCredentials } from "./users/credentials";
import { corporateAccount } from "./users/corporate-account";
import { clientAddress } from "./users/client-address";
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS } from "./users/known-device";
import { endSession } from "./users/session-user";
import { checkSession, sessionUser, type CurrentUser, type SessionUser } from "./access/guard";
import type { Ability } from "./access/permissions";
import { loginPath } from "./access/return-path";
import { isRecordId } from "./access/ids";
import { sessionClaims } from "./access/session-token";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAt: Date) {
    super();
  }
}

class PasswordSignInOff extends CredentialsSignin {
  code = "password-off";
}

/** The provider id in the callback URL the corporate IdP must allow: <portal>/api/auth/callback/corporate. */
export const CORPORATE_PROVIDER = "corporate";

function corporateProvider(): OIDCConfig<Record<string, unknown>>[] {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env();
  if (!issuer) return [];
  return [{ id: CORPORATE_PROVIDER, name: "corporate", type: "oidc", issuer, clientId, clientSecret, checks: ["pkce", "state", "nonce"] }];
}

export const corporateSignInEnabled = () => Boolean(env().OIDC_ISSUER);

export const { handlers, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // Auth.js's failures (a wrong state, a provider that is down) come back to the login page as ?error=….
  pages: { signIn: "/login", error: "/login" },
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const cookieJar = await cookies();
        const result = await checkCredentials(credentials, clientAddress(request.headers), new Date(), cookieJar.get(KNOWN_DEVICE_COOKIE)?.value);
        if (result.ok) {
          if (result.knownDevice) {
            cookieJar.set(KNOWN_DEVICE_COOKIE, result.knownDevice, {
              httpOnly: true,
              sameSite: "lax",
              secure: new URL(request.url).protocol === "https:",
              path: "/",
              maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
            });
          }
          return result.user;
        }
        if (result.reason === "throttled") throw new TooManyAttempts(result.retryAt);
        if (result.reason === "password-off") throw new PasswordSignInOff();
        throw new InvalidCredentials();
      },
    }),
    ...corporateProvider(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== CORPORATE_PROVIDER) return true;
      const match = await corporateAccount(profile);
      if (!match.ok) return `/login?error=corporate-${match.reason}`;
      // Without a database adapter Auth.js hands this same object to the jwt callback: the session
      // becomes the portal user's (id and role), not the provider's.
      Object.assign(user, match.user);
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
        // Its own claim: Auth.js renews "iat" whenever it re-signs the token.
        token.signedInAt = Date.now();
        token.sessionId = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role;
      session.user.signedInAt = token.signedInAt;
      session.user.sessionId = token.sessionId;
      return session;
    },
  },
  events: {
    // Logging out ends the session on the server too, not only the cookie.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sessionId && token.sub && token.exp) await endSession(token.sessionId, token.sub, new Date(token.exp * 1000));
    },
  },
});

export type { CurrentUser } from "./access/guard";

/** Where a person signed in with a one-time password is sent until they choose their own. */
export const OWN_PASSWORD_PATH = "/settings/password";

/**
 * The signed-in, active user of this request, read from the database; else null. A session
 * signed in before the user's password was last reset or set no longer counts.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  return sessionUser((await sessionClaims((name) => jar.get(name)?.value)) ?? undefined);
});

/**
 * For pages: the current user, or a redirect to the login page that comes back to `returnTo`. A
 * person still on HR's one-time password is sent to choose their own first; a role without the
 * ability gets "not found".
 */
export async function requireUser(returnTo: string, ability?: Ability): Promise<CurrentUser> {
  const checked = checkSession(await getCurrentUser(), { ability, allowOneTimePassword: returnTo === OWN_PASSWORD_PATH });
  if (checked.ok) return checked.user;
  if (checked.refusal === "unauthenticated") redirect(loginPath(returnTo));
  if (checked.refusal === "password-change-required") redirect(OWN_PASSWORD_PATH);
  notFound();
}

/** For pages: the URL's ids (and slugs, which have the same shape), or "not found" when one is malformed. */
export function requireRecordIds<P extends Record<string, string>>(params: P): P {
  if (!Object.values(params).every(isRecordId)) notFound();
  return params;
}
