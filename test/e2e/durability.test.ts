/**
 * The server process under hard and soft stops: killed with SIGKILL while keys and runs are
 * being written, it reopens cleanly with every acknowledged write; stopped with SIGTERM, it
 * refuses new work, finishes what is in flight, closes the store and exits 0.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { CreateApiKey, SignIn } from "../support/operations.js";
import { run, startProcess } from "../support/process.js";
import { createKey, signUp } from "../support/accounts.js";
import { startServer, tempDataDir } from "../support/server.js";

const MAIN = ["--import", "tsx", "src/main.ts"];

async function businessAccount(env: Record<string, string>, url: string, email: string): Promise<Client> {
  const made = await run(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "create-account", "--email", email, "--password", "correct horse battery", "--tier", "business"],
    env,
  );
  expect(made.code, made.stderr).toBe(0);
  const client = new Client(url);
  const signedIn = await client.graphql(SignIn, { input: { email, password: "correct horse battery" } });
  expect(signedIn.data?.signIn.id).toBeDefined();
  return client;
}

/** A local upstream and a models file with one http model on it; `answer` decides when it replies. */
async function upstreamModel(id: string, answer: (reply: () => void) => void) {
  let received!: () => void;
  const reached = new Promise<void>((resolve) => (received = resolve));
  const upstream: Server = createServer((request, response) => {
    received();
    request.resume();
    answer(() => response.writeHead(200, { "content-type": "application/json" }).end('{"outputs":{"text":"done"}}'));
  });
  upstream.listen(0, "127.0.0.1");
  await once(upstream, "listening");
  const dataDir = tempDataDir();
  const modelsFile = join(dataDir, "models.json");
  const model = {
    id,
    description: "a local upstream the test controls",
    provider: "http",
    url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`,
    timeoutMs: 5000,
    retries: 0,
    inputSchema: { type: "object" },
    outputSchema: { type: "object", properties: { text: { type: "string" } } },
  };
  writeFileSync(modelsFile, JSON.stringify({ models: [model] }));
  return { upstream, reached, dataDir, modelsFile };
}

describe("a server killed with SIGKILL mid-write", () => {
  it("reopens cleanly and keeps every key and run it acknowledged", async () => {
    const env = { KNOUDS_DATA_DIR: tempDataDir(), KNOUDS_SECRET: randomBytes(32).toString("hex") };
    const first = await startProcess(MAIN, env);
    const owners = await Promise.all([0, 1, 2].map((i) => businessAccount(env, first.url, `crash-${i}@example.com`)));
    const adminKeys: string[] = [];
    for (const owner of owners) {
      const created = await owner.graphql(CreateApiKey, { input: { name: "runner", scope: "admin" } });
      adminKeys.push(created.data!.createApiKey.value);
    }

    const keys: Array<{ id: string; value: string }> = [];
    const runs: Array<{ id: string; key: string }> = [];
    let killed = false;
    const writers = [
      ...owners.map(async (owner, n) => {
        for (let i = 0; !killed; i++) {
          try {
            const created = await owner.graphql(CreateApiKey, { input: { name: `k${n}-${i}` } });
            if (created.data) keys.push({ id: created.data.createApiKey.apiKey.id, value: created.data.createApiKey.value });
          } catch {
            return; // the connection died with the process
          }
        }
      }),
      ...Array.from({ length: 8 }, async (_, n) => {
        const key = adminKeys[n % adminKeys.length]!;
        while (!killed) {
          try {
            const response = await fetch(`${first.url}/api/workflows/knouds/hello-world/run`, {
              method: "POST",
              headers: { "x-api-key": key, "content-type": "application/json" },
              body: JSON.stringify({ inputs: { name: `n${n}` } }),
            });
            const body = (await response.json()) as { runId?: string };
            if (response.status === 200 && body.runId) runs.push({ id: body.runId, key });
          } catch {
            return;
          }
        }
      }),
    ];
    // Kill once enough writes were acknowledged, however long a loaded machine takes to get there.
    while (keys.length <= 10 || runs.length <= 100) await new Promise((resolve) => setTimeout(resolve, 50));
    first.child.kill("SIGKILL");
    killed = true;
    await once(first.child, "exit");
    await Promise.all(writers);

    const db = new Database(join(env.KNOUDS_DATA_DIR, "knouds.db"));
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
    const second = await startProcess(MAIN, env);
    try {
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
      const stored = new Database(join(env.KNOUDS_DATA_DIR, "knouds.db"), { readonly: true });
      try {
        const keyIds = new Set((stored.prepare("SELECT id FROM api_keys").all() as Array<{ id: string }>).map((r) => r.id));
        const runIds = new Set((stored.prepare("SELECT id FROM runs").all() as Array<{ id: string }>).map((r) => r.id));
        expect(keys.filter((k) => !keyIds.has(k.id))).toEqual([]);
        expect(runs.filter((r) => !runIds.has(r.id))).toEqual([]);
      } finally {
        stored.close();
      }
      // And through the API: the last acknowledged key works, the last acknowledged run is served.
      const lastKey = keys.at(-1)!;
      const viewer = await fetch(`${second.url}/graphql`, {
        method: "POST",
        headers: { "x-api-key": lastKey.value, "content-type": "application/json" },
        body: '{"query":"{ viewer { authenticatedBy } }"}',
      });
      expect(await viewer.json()).toEqual({ data: { viewer: { authenticatedBy: "API_KEY" } } });
      const lastRun = runs.at(-1)!;
      const served = await fetch(`${second.url}/api/runs/${lastRun.id}`, { headers: { "x-api-key": lastRun.key } });
      expect(served.status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe("a server stopped with SIGTERM", () => {
  it("finishes the request in flight, refuses new ones, closes the store and exits 0", async () => {
    const { upstream, reached: upstreamReached, dataDir, modelsFile } = await upstreamModel("acme/slow", (reply) => setTimeout(reply, 800));
    const env = { KNOUDS_DATA_DIR: dataDir, KNOUDS_SECRET: randomBytes(32).toString("hex"), KNOUDS_MODELS_FILE: modelsFile };
    const server = await startProcess(MAIN, env);
    try {
      const owner = await businessAccount(env, server.url, "term@example.com");
      const key = (await owner.graphql(CreateApiKey, { input: { name: "slow", scope: "admin" } })).data!.createApiKey.value;
      const inFlight = fetch(`${server.url}/api/models/acme/slow/run`, {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json", connection: "close" },
        body: '{"inputs":{}}',
      });
      await upstreamReached;
      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const late = await fetch(`${server.url}/healthz`, { headers: { connection: "close" } }).then(
        (response) => response.status,
        () => "refused",
      );
      expect([503, "refused"]).toContain(late);

      const finished = await inFlight;
      expect(finished.status).toBe(200);
      const body = (await finished.json()) as { runId: string; status: string; outputs: unknown };
      expect(body).toMatchObject({ status: "succeeded", outputs: { text: "done" } });
      const [code] = (await once(server.child, "exit")) as [number | null];
      expect(code).toBe(0);
      expect(server.output.some((line) => line.includes('"shutting down"'))).toBe(true);

      const db = new Database(join(dataDir, "knouds.db"), { readonly: true });
      try {
        expect(db.prepare("SELECT status FROM runs WHERE id = ?").get(body.runId)).toEqual({ status: "succeeded" });
      } finally {
        db.close();
      }
    } finally {
      await server.stop();
      upstream.close();
    }
  }, 60_000);
});

describe("a request that arrives while the server is closing", () => {
  it("gets 503 in the documented 5xx shape, after the request in flight on its connection finished", async () => {
    let release!: () => void;
    const {
      upstream,
      reached: upstreamReached,
      dataDir,
      modelsFile,
    } = await upstreamModel("acme/held", (reply) => {
      release = reply;
    });
    const server = await startServer({ dataDir, env: { KNOUDS_MODELS_FILE: modelsFile } });
    try {
      const owner = await signUp(server, { tier: "business" });
      const { value } = await createKey(owner, "admin");
      const { port } = new URL(server.url);
      const socket = connect(Number(port), "127.0.0.1");
      let replies = "";
      socket.on("data", (chunk: Buffer) => (replies += chunk.toString("utf8")));
      const body = '{"inputs":{}}';
      socket.write(
        `POST /api/models/acme/held/run HTTP/1.1\r\nHost: x\r\nx-api-key: ${value}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      await upstreamReached;
      const closed = server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await once(socket, "close");
      await closed;
      const answers = replies.split(/(?=HTTP\/1\.1 )/);
      expect(answers).toHaveLength(2);
      expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /);
      expect(answers[0]).toContain('"status":"succeeded"');
      expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
      expect(answers[1]!.toLowerCase()).toContain("connection: close");
      expect(answers[1]!.endsWith('{"error":"Internal Server Error"}')).toBe(true);
    } finally {
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});
