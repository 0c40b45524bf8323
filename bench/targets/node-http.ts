/**
 * Yardstick: the fastest a Node HTTP server can answer on this machine. GET answers a constant
 * (a hello-world); POST reads and parses a JSON body and answers JSON, the least any
 * JSON API route must do, so the bench can show how far Knouds is from that floor too.
 */
import { createServer } from "node:http";

const hello = JSON.stringify({ hello: "world" });
createServer((req, res) => {
  const answer = (status: number, body: string) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.method !== "POST") return answer(200, hello);
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { inputs?: unknown };
      answer(200, JSON.stringify({ status: "succeeded", outputs: parsed.inputs ?? null }));
    } catch {
      answer(400, '{"error":"Bad Request"}');
    }
  });
}).listen(Number(process.env.PORT), "127.0.0.1");
