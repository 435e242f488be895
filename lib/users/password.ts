// The one place passwords are hashed and checked: argon2id, computed natively on libuv's thread
// pool, off the event loop. Hashes made earlier with bcrypt still verify, natively off the loop
// too; a successful sign-in replaces them (needsRehash).
import { hash, verify } from "@node-rs/argon2";
import { verify as verifyBcrypt } from "@node-rs/bcrypt";

// argon2id (the library's default algorithm; its enum cannot be imported under isolatedModules) at
// OWASP's minimum cost, 19 MiB and 2 passes: about 20 ms per hash here.
const cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
const currentPrefix = `$argon2id$v=19$m=${cost.memoryCost},t=${cost.timeCost},p=${cost.parallelism}$`;

export function hashPassword(password: string) {
  return hash(password, cost);
}

export async function verifyPassword(password: string, stored: string) {
  try {
    return await (/^\$2[aby]\$/.test(stored) ? verifyBcrypt(password, stored) : verify(stored, password));
  } catch {
    // Not a hash this module can read: no password matches it.
    return false;
  }
}

/** Whether a stored hash, once its password is known, should be replaced by a fresh one at today's cost. */
export const needsRehash = (stored: string) => !stored.startsWith(currentPrefix);
