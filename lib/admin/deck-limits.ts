// The deck fields' limits, shared by the server's checks and the forms (which may not import server-only code).
export const DECK_TITLE_MAX = 120;
export const DECK_DESCRIPTION_MAX = 2000;
