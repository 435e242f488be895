import type { Role } from "./generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role?: Role; signedInAt?: number; sessionId?: string; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    /** When the user signed in (ms since the epoch). */
    signedInAt?: number;
    /** This session's id, so logging out can end it on the server. */
    sessionId?: string;
  }
}
