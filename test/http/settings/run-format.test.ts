import { describe, expect, it } from "vitest";
import { formatDuration, formatStarted, ranByLabel, runSubject } from "../../../src/http/settings/client/runs/format.js";

describe("run history wording", () => {
  it("names who ran it: the browser, or the key by its name", () => {
    expect(ranByLabel({ kind: "BROWSER" })).toBe("the browser");
    expect(ranByLabel({ kind: "API_KEY", keyName: "CI" })).toBe("key “CI”");
    expect(ranByLabel({ kind: "API_KEY", keyName: null })).toBe("an API key");
  });

  it.each([
    [0, "0 ms"],
    [35, "35 ms"],
    [999, "999 ms"],
    [1234, "1.2 s"],
    [12_400, "12 s"],
    [60_000, "1 min"],
    [125_000, "2 min 5 s"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows the start with seconds", () => {
    expect(formatStarted("2026-12-03T07:31:25.000Z", "en-GB", "UTC")).toBe("3 Dec 2026, 07:31:25");
  });

  it("names an own workflow by its slug, another account's by handle/slug, or the model of a direct model run", () => {
    expect(runSubject({ workflowId: "ada/my-flow", modelId: null }, "ada")).toEqual({ kind: "own", slug: "my-flow" });
    expect(runSubject({ workflowId: "knouds/hello-world", modelId: null }, "ada")).toEqual({ kind: "other", text: "knouds/hello-world" });
    expect(runSubject({ workflowId: null, modelId: "knouds/echo" }, "ada")).toEqual({ kind: "other", text: "model knouds/echo" });
  });
});
