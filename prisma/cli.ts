// Shared by the command-line entry points: one-line messages for known failures.
import { EnvError } from "../lib/env";
import { ContentError } from "../lib/content/errors";
import { BuildError } from "../lib/cli/build";
import { DatabaseSetupError } from "./embedded-server";

const expected = [EnvError, DatabaseSetupError, ContentError, BuildError];

/** Runs a command; a known failure prints one line and exits 1. */
export function runCommand(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
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
