// The card fields' limits, shared by the server's checks and the forms (which may not import server-only code).
export const CARD_FRONT_MAX = 200;
export const CARD_BACK_MAX = 20_000;
