/**
 * Search keys for people and companies. SQLite's LOWER() and LIKE fold ASCII only, and the two
 * databases disagree on collations, so text is folded here, in JavaScript, with full Unicode case
 * mapping (Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і included), stored in a column beside
 * the original, and searched with a plain LIKE over already-folded text on both databases.
 */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .map(fold)
    .filter(Boolean)
    .join(' ');
}

/** A LIKE pattern (escape character `\`) for a folded query, or null when nothing is left to search. */
export function searchPattern(query: string): string | null {
  const folded = fold(query);
  if (!folded) return null;
  return `%${folded.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Case-folded, ё read as е, quotes dropped and spaces collapsed: "ТОО «Сейтқали»" -> "тоо сейтқали". */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»“”„‘’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How the entries of a managed list (src/lists/) are matched: as `fold`, and dashes, dots, commas and slashes are spaces ("Нур-Султан" = "нур султан"). */
export function listKey(text: string): string {
  return fold(text.replace(/[-‐‑–—_.,/]+/g, ' '));
}
