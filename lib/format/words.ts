/** "line_of_credit" -> "Line of credit": a stored snake_case value as words for people. Browser-safe. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 admin", "2 admins", "1,204 accounts": a count with its noun in the right number. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${new Intl.PluralRules("en-US").select(count) === "one" ? noun : plural}`;
}
