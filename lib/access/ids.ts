import { z } from "zod";

/**
 * The shape of every record id: the portal makes cuids and UUIDs, seeds and tests use plain
 * slugs. An id from a URL is checked against it before it reaches the database, so a NUL byte,
 * a path or a megabyte of text is "not found" rather than a database error.
 */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const recordIdSchema = z.string().regex(RECORD_ID);

export const isRecordId = (value: unknown): value is string => recordIdSchema.safeParse(value).success;
