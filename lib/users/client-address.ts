// The address sign-in limits are counted by. The portal's own server (lib/cli/next-worker.ts)
// sets CLIENT_ADDRESS_HEADER on every request, replacing any copy a client sent, from the
// socket and TRUST_PROXY; nothing else a client sends is believed.

export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * With `trustedProxies` = 0, the socket's address; with N, the N-th address from the right of
 * X-Forwarded-For (each trusted proxy appends the address it was reached from), or the socket's
 * address when the header has fewer.
 */
export function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const hops = forwardedFor?.split(",").map(plain).filter(Boolean) ?? [];
  const forwarded = trustedProxies > 0 ? hops[hops.length - trustedProxies] : undefined;
  return forwarded ?? (socketAddress ? plain(socketAddress) : "unknown");
}

/** The client's address as the portal's server found it. */
export function clientAddress(requestHeaders: Headers) {
  return requestHeaders.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
