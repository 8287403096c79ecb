// The heading a hosted page shows for a link that has ended, by the outcome the app also hears.
export const ENDED_TITLES = {
  succeeded: "You are all set",
  cancelled: "No accounts were linked",
  failed: "Linking did not work",
  expired: "This link has expired",
} as const;
