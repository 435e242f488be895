// One Next.js server process of `npm start` (a node:cluster worker) or of `npm run dev`: Next's
// request handler behind a plain node:http server that first sets the client's address header
// from the socket and TRUST_PROXY, replacing any copy the client sent. (Next itself keeps a
// client's X-Forwarded-For, so the socket's address is lost to the app without this.) Plain
// JavaScript: a TypeScript loader would cost each process about 100 MB. PORT and TRUST_PROXY
// come from start.ts, which has validated them (lib/env.ts).
//   --dev   next dev instead of the production build
import { createServer } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "../users/address-of-request.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT);
const trustedProxies = Number(process.env.TRUST_PROXY ?? 0);
const app = next({ dev, turbopack: dev, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const forwardedFor = [request.headers["x-forwarded-for"] ?? []].flat().join(",");
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressFrom(request.socket.remoteAddress, forwardedFor, trustedProxies);
  handle(request, response).catch((error) => {
    console.error(`Failed to handle ${request.url}:`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port);
