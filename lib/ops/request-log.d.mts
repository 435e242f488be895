import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

type RoutesManifest = { staticRoutes: { page: string }[]; dynamicRoutes: { page: string; regex: string }[] };

export declare function createLog(file?: string): Logger;
export declare function readRoutesManifest(distDir: string): RoutesManifest;
export declare function routeMatcher(manifest: RoutesManifest): (url: string) => string | null;
export declare function logRequest(
  log: Logger,
  matchRoute: (url: string) => string | null,
  request: IncomingMessage,
  response: ServerResponse,
): { reqId: string; route: string | null };
export declare function withRequestContext<T>(context: { reqId: string; route: string | null }, handle: () => T): T;
export declare function logConsoleErrors(log: Logger): void;
