// The address sign-in limits are counted by. The portal's own server (lib/cli/next-worker.mjs)
// sets CLIENT_ADDRESS_HEADER on every request, replacing any copy a client sent, from the
// socket and TRUST_PROXY; nothing else a client sends is believed.
import { CLIENT_ADDRESS_HEADER } from "./address-of-request.mjs";

export { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "./address-of-request.mjs";

/** The client's address as the portal's server found it. */
export function clientAddress(requestHeaders: Headers) {
  return requestHeaders.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
