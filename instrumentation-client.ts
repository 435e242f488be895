// Runs in the browser before the app's code. Zod 4 probes `new Function("")` on its
// first object parse to decide whether to compile parsers; the portal's CSP forbids
// eval, so the probe would be reported as a violation: parse without compiling.
import { z } from "zod";

z.config({ jitless: true });
