/**
 * `POST /api/keys/report-leak`: anyone holding a key value can have it deleted — possession is
 * the proof, as in GitHub's secret-scanning partner program. No authentication, a budget per
 * client address, and one answer whether or not the key existed: the only shortcut is the
 * checksum, which anyone can compute offline (`check-key`).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { clientInfo } from "../audit/client.js";
import { KnoudsError } from "../domain/errors.js";
import { isWellFormedKey } from "../domain/keys.js";
import { wholeSeconds } from "../limits/interface.js";
import { LEAK_REPORT_BODY_LIMIT_BYTES } from "../limits/leak-reports.js";
import type { Services } from "../services.js";

const reportBody = {
  type: "object",
  properties: { key: { type: "string", maxLength: 200 } },
  required: ["key"],
  additionalProperties: false,
} as const;

export const LEAK_REPORT_PATH = "/api/keys/report-leak";

export const leakReportRoute: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const options = {
    schema: { body: reportBody },
    bodyLimit: LEAK_REPORT_BODY_LIMIT_BYTES,
    // Counted before the body is read: a report that then fails validation (or is too large)
    // still spends the address's budget, and once it is spent no body is parsed at all.
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      const decision = await services.limits.leakReports.consume(request.ip);
      if (decision.allowed) return;
      // The body is never read, so the connection cannot carry another request: close it.
      reply.header("connection", "close");
      throw KnoudsError.rateLimited(decision.limit, wholeSeconds(decision.resetMs));
    },
  };
  app.post<{ Body: { key: string } }>(LEAK_REPORT_PATH, options, async (request, reply) => {
    const { key } = request.body;
    if (!isWellFormedKey(key)) {
      throw KnoudsError.invalidInput([
        { path: "key", message: "is not a well-formed Knouds key (wrong prefix, length, characters or checksum)" },
      ]);
    }
    const deleted = await services.apiKeys.deleteLeaked(key, clientInfo(request.ip, request.headers["user-agent"]));
    if (deleted) request.log.warn({ keyId: deleted.id, accountId: deleted.accountId }, "key reported leaked and deleted");
    return reply.status(202).send({ received: true });
  });
};
