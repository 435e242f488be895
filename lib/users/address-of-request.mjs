// Plain JavaScript, so the portal's server processes (lib/cli/next-worker.mjs) run it without a
// TypeScript loader, which would cost each of them about 100 MB. Types: address-of-request.d.mts.

/** Set by the portal's server on every request, replacing any copy a client sent. */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

/** @param {string} address */
const plain = (address) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * With `trustedProxies` = 0, the socket's address; with N, the N-th address from the right of
 * X-Forwarded-For (each trusted proxy appends the address it was reached from), or the socket's
 * address when the header has fewer.
 * @param {string | undefined} socketAddress
 * @param {string | undefined} forwardedFor
 * @param {number} trustedProxies
 * @returns {string}
 */
export function clientAddressFrom(socketAddress, forwardedFor, trustedProxies) {
  const hops = forwardedFor?.split(",").map(plain).filter(Boolean) ?? [];
  const forwarded = trustedProxies > 0 ? hops[hops.length - trustedProxies] : undefined;
  return forwarded ?? (socketAddress ? plain(socketAddress) : "unknown");
}
