/** How long a session lives after its last extension (next-auth's `session.maxAge`). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How often a live session is extended (next-auth's `session.updateAge`): at most once a day. */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
