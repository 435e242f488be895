/** A content folder that cannot be read or written: each problem names the file and the field. */
export class ContentError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}
