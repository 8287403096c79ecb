/** "line_of_credit" -> "Line of credit": a stored snake_case value as words for people. Browser-safe. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
