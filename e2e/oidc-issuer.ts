// A real OpenID Connect provider (the certified `oidc-provider`) as the corporate identity provider of the e2e
// portal: one client, the portal; anyone may sign in at its own login form with any login and password, and the
// login is the account's e-mail, verified unless it starts with "unverified-".
import { once } from "node:events";
import Provider from "oidc-provider";
import { e2eOidc } from "./playwright.config";

export const unverified = (email: string) => `unverified-${email}`;

export async function startIssuer(portalBase: string) {
  const provider = new Provider(e2eOidc.issuer, {
    clients: [
      {
        client_id: e2eOidc.clientId,
        client_secret: e2eOidc.clientSecret,
        redirect_uris: [`${portalBase}/api/auth/callback/corporate`],
      },
    ],
    async findAccount(_context, id) {
      return { accountId: id, claims: () => ({ sub: id, email: id, email_verified: !id.startsWith(unverified("")) }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // The e-mail claims in the ID token, where Auth.js reads them (as most corporate providers send them).
    conformIdTokenClaims: false,
    // The portal is a first-party client: no consent screen.
    async loadExistingGrant(context) {
      const grant = new context.oidc.provider.Grant({ clientId: context.oidc.client!.clientId, accountId: context.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const callback = `${portalBase}/api/auth/callback/corporate?`;
  let hold: ((url: string) => void) | null = null;
  provider.use(async (context, next) => {
    await next();
    const location: string | undefined = context.response.get("location");
    if (hold && location?.startsWith(callback)) {
      hold(location);
      hold = null;
      context.status = 200;
      context.type = "text/plain";
      context.body = "Held by the test.";
    }
  });
  const server = provider.listen(e2eOidc.port);
  await once(server, "listening");
  return {
    /** Keeps the browser from the next redirect back to the portal: answers that callback URL instead. */
    holdNextCallback() {
      return new Promise<string>((resolve) => (hold = resolve));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
