// The password lengths the forms show. Apart from password-rules.ts so the browser gets no zod:
// zod 4 probes for eval when a schema is built, which the Content-Security-Policy reports.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
