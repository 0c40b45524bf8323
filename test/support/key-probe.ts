/** Whether the server accepts a key value right now, by one cheap request: 404 accepted, 401 refused. */
export interface ProbeAnswer {
  status: number;
  text: string;
  /** When the request was sent and answered (epoch ms), for judging against a grace or expiry instant. */
  sentAt: number;
  answeredAt: number;
}

export async function probeKey(url: string, value: string, userAgent?: string): Promise<ProbeAnswer> {
  const sentAt = Date.now();
  const headers: Record<string, string> = { "x-api-key": value };
  if (userAgent !== undefined) headers["user-agent"] = userAgent;
  const response = await fetch(`${url}/api/runs/run_probe`, { headers });
  const text = await response.text();
  return { status: response.status, text, sentAt, answeredAt: Date.now() };
}

export const ACCEPTED = 404;
export const UNAUTHORIZED_BODY = '{"error":"Unauthorized"}';

/**
 * Probes every `everyMs` until the value is refused (or `timeoutMs` passes) and returns every
 * answer. The caller checks them against the instant the value should stop working.
 */
export async function probeUntilRefused(
  url: string,
  value: string,
  options: { everyMs?: number; timeoutMs?: number } = {},
): Promise<ProbeAnswer[]> {
  const answers: ProbeAnswer[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const answer = await probeKey(url, value);
    answers.push(answer);
    if (answer.status !== ACCEPTED) return answers;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 100));
  }
  return answers;
}

/**
 * True when every answer fits a value that stops working at `endsAt`: accepted when answered
 * before it, refused with the one 401 body when sent at or after it, and it did end up refused.
 */
export function endedAt(answers: ProbeAnswer[], endsAt: number): boolean {
  const last = answers.at(-1);
  if (last?.status !== 401 || last.text !== UNAUTHORIZED_BODY) return false;
  return answers.every((a) =>
    a.answeredAt < endsAt ? a.status === ACCEPTED : a.sentAt >= endsAt ? a.status === 401 && a.text === UNAUTHORIZED_BODY : true,
  );
}
