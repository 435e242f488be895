import { notFound } from "next/navigation";
import { z } from "zod";

/**
 * The shape of every record id: the portal makes cuids and UUIDs, seeds and tests use plain
 * slugs. An id from a URL is checked against it before it reaches the database, so a NUL byte,
 * a path or a megabyte of text is "not found" rather than a database error.
 */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const recordIdSchema = z.string().regex(RECORD_ID);

export const isRecordId = (value: unknown): value is string => recordIdSchema.safeParse(value).success;

/** For pages: the URL's ids (and slugs, which have the same shape), or "not found" when one is malformed. */
export function requireRecordIds<P extends Record<string, string>>(params: P): P {
  if (!Object.values(params).every(isRecordId)) notFound();
  return params;
}
