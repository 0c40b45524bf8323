/**
 * Rules for the text a tenant names things with (emails, account, key and workflow names):
 * no control characters (C0, DEL, C1) and no bidirectional overrides. They are invisible, can
 * make one name look like another, and can cut or forge a line in a log or a terminal.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}
