/**
 * Rules for the text a tenant names things with (emails, account, key and workflow names).
 * Refused: control characters (C0, DEL, C1) and bidirectional overrides and isolates, which
 * can cut or forge a line in a log or a terminal; line and paragraph separators (U+2028,
 * U+2029), which break a line wherever they are shown; and the other invisible format
 * characters (directional marks U+200E/U+200F/U+061C, zero-width space, word joiner, BOM,
 * soft hyphen, tag characters…), which make one name look like another. Zero-width
 * (non-)joiners U+200C/U+200D stay allowed: Persian, Indic scripts and emoji sequences need them.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const SEPARATORS = /[\p{Zl}\p{Zp}]/u;
const INVISIBLE_FORMAT = /(?![\u200C\u200D])\p{Cf}/u;
const ALL_REFUSED = new RegExp(`${CONTROL_CHARACTERS.source}|${SEPARATORS.source}|${INVISIBLE_FORMAT.source}`, "gu");

export const CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** What is wrong with a name (or email) a tenant chose, naming the first refused character; null when nothing is. */
export function textProblem(text: string): string | null {
  if (CONTROL_CHARACTERS.test(text)) return CONTROL_CHARACTERS_MESSAGE;
  const separator = SEPARATORS.exec(text);
  if (separator) return `must not contain line or paragraph separators (found ${codePoint(separator[0])})`;
  const invisible = INVISIBLE_FORMAT.exec(text);
  if (invisible) return `must not contain invisible format characters such as directional marks (found ${codePoint(invisible[0])})`;
  return null;
}

/** The text with every such character removed (for text we keep but did not choose: a user agent). */
export function withoutRefusedCharacters(text: string): string {
  return text.replace(ALL_REFUSED, "");
}
