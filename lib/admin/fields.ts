// Fields every HR form has; each schema gives the message that names what is wrong.
import { z } from "zod";

/** A record's id as a form or a URL sends it. */
export const recordIdField = (message: () => string) => z.string({ error: message }).min(1, { error: message }).max(64, { error: message });

/** The version the form was loaded with (saveVersioned compares it with the stored one). */
export const versionField = (message: () => string) => z.number({ error: message }).int({ error: message }).min(1, { error: message });
