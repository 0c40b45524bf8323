import type { FastifyRequest } from "fastify";
import type { Caller } from "../auth/principal.js";
import { SESSION_COOKIE } from "../auth/sessions.js";
import type { Services } from "../services.js";

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller;
    /** True when an `x-api-key` header was sent but did not verify. */
    keyRejected: boolean;
  }
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `x-api-key` and the session cookie; never throws for bad input. */
export async function identifyCaller(request: FastifyRequest, services: Services): Promise<void> {
  const apiKey = headerValue(request, "x-api-key");
  const sessionToken = request.cookies[SESSION_COOKIE];
  const [key, session] = await Promise.all([
    apiKey === undefined ? null : services.verifier.verify(apiKey),
    sessionToken === undefined ? null : services.sessions.resolve(sessionToken),
  ]);
  request.caller = { key, session };
  request.keyRejected = apiKey !== undefined && key === null;
}
