/**
 * Forwards a model's inputs to an inference endpoint: POST `{ "inputs": {...} }`, expecting
 * `{ "outputs": {...} }` back. Timeouts, bounded retries on 5xx and network errors, and
 * upstream failures mapped to run errors that say what happened without leaking the endpoint.
 */
import type { Model, ModelInfo } from "./interface.js";
import { ModelError } from "./interface.js";

export interface HttpModelConfig extends Omit<ModelInfo, "provider"> {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
}

const RETRY_BASE_MS = 100;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export function httpModel(config: HttpModelConfig): Model {
  const { url, headers, timeoutMs, retries, ...info } = config;
  return {
    ...info,
    provider: "http",
    async run(inputs, runSignal) {
      const signal = runSignal();
      const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
      let lastProblem = "";
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await sleep(RETRY_BASE_MS * 2 ** (attempt - 1), deadline);
        if (deadline.aborted) break;
        let response: Response;
        try {
          response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json", ...headers },
            body: JSON.stringify({ inputs }),
            signal: deadline,
          });
        } catch {
          if (deadline.aborted) break;
          lastProblem = "could not be reached";
          continue;
        }
        if (response.status >= 500) {
          await response.body?.cancel();
          lastProblem = `answered HTTP ${response.status}`;
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new ModelError(`Model ${info.id} rejected the request (HTTP ${response.status})`);
        }
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          if (deadline.aborted) break;
          throw new ModelError(`Model ${info.id} answered with something that is not JSON`);
        }
        const outputs = (body as { outputs?: unknown } | null)?.outputs;
        if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) {
          throw new ModelError(`Model ${info.id} answered without an "outputs" object`);
        }
        return outputs as Record<string, unknown>;
      }
      if (signal.aborted) throw new ModelError(`Model ${info.id} was cancelled`);
      if (deadline.aborted) throw new ModelError(`Model ${info.id} timed out after ${timeoutMs} ms`);
      throw new ModelError(`Model ${info.id} failed: it ${lastProblem} (${retries + 1} attempts)`);
    },
  };
}
