// Shared by the command-line entry points: one-line messages for known failures.
import { EnvError } from "../lib/env";
import { ContentError } from "../lib/content/errors";
import { BuildError } from "../lib/cli/build";
import { DatabaseSetupError } from "./embedded-server";
import { BackupError } from "./backup";

/** Wrong command-line arguments: the message says how to call the command. */
export class UsageError extends Error {}

const expected = [EnvError, DatabaseSetupError, ContentError, BuildError, UsageError, BackupError];

/** Runs a command, exiting with the code it returns (0 by default); a known failure prints one line and exits 1. */
export function runCommand(main: () => Promise<number | void>) {
  main().then(
    (exitCode) => process.exit(exitCode ?? 0),
    (error: unknown) => {
      if (expected.some((kind) => error instanceof kind)) {
        console.error(`Error: ${(error as Error).message}`);
      } else {
        console.error(error);
      }
      process.exit(1);
    },
  );
}
