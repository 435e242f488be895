/** A content file that does not parse: the message names the file and the field. */
export class ContentError extends Error {}
