import { withoutRefusedCharacters } from "../domain/text.js";
import type { ClientInfo } from "../domain/audit-event.js";

/** The longest user agent an audit event keeps; the rest is cut off. */
export const MAX_AUDIT_USER_AGENT_LENGTH = 256;
/** The longest client address an audit event keeps (an IPv6 address with a zone fits). */
export const MAX_AUDIT_ADDRESS_LENGTH = 64;

function bounded(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const clean = withoutRefusedCharacters(value).trim().slice(0, max);
  return clean.length > 0 ? clean : null;
}

/** The client as an audit event keeps it: control, separator and invisible format characters stripped, lengths bounded. */
export function clientInfo(address: string | undefined, userAgent: string | string[] | undefined): ClientInfo {
  const agent = Array.isArray(userAgent) ? userAgent[0] : userAgent;
  return { address: bounded(address, MAX_AUDIT_ADDRESS_LENGTH), userAgent: bounded(agent, MAX_AUDIT_USER_AGENT_LENGTH) };
}
