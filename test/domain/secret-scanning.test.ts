/**
 * The secret-scanning rules in docs/keys.md (GitHub custom pattern, gitleaks) are the key format:
 * they match every generated key wherever it sits in a file, and no near miss.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECRET_SCANNING_PATTERN, checkKeyShape, generateKeyValue } from "../../src/domain/keys.js";

const doc = readFileSync(new URL("../../docs/keys.md", import.meta.url), "utf8");

function tableCell(field: string): string {
  const row = doc.split("\n").find((line) => line.startsWith(`| ${field} |`));
  if (!row) throw new Error(`docs/keys.md has no "${field}" row`);
  return /\| `(.*)` \|$/.exec(row)![1]!.replaceAll("\\|", "|");
}

/** GitHub's three fields as one JavaScript regex (\A and \z are ^ and $ here, line by line). */
const github = new RegExp(
  `(?:${tableCell("Before secret").replace("\\A", "^")})(${tableCell("Secret format")})(?:${tableCell("After secret").replace("\\z", "$")})`,
  "gm",
);
const gitleaks = new RegExp(/^regex = '''(.*)'''$/m.exec(doc)![1]!, "g");

function found(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

const contexts = (value: string) => [
  value,
  `KNOUDS_API_KEY=${value}`,
  `const key = "${value}";`,
  `curl -H 'x-api-key: ${value}' https://api.example.com`,
  `{"key":"${value}"}\n`,
  `see ${value}.`,
];

describe("secret scanning rules in docs/keys.md", () => {
  it("state the pattern derived from the key format", () => {
    expect(tableCell("Secret format")).toBe(SECRET_SCANNING_PATTERN);
    expect(gitleaks.source).toBe(`\\b(${SECRET_SCANNING_PATTERN})\\b`);
  });

  it("match every generated key, in the places keys get pasted", () => {
    for (let i = 0; i < 200; i++) {
      const { value } = generateKeyValue();
      for (const text of contexts(value)) {
        expect(found(github, text), text).toEqual([value]);
        expect(found(gitleaks, text), text).toEqual([value]);
      }
    }
  });

  it("match no near miss: wrong prefix, too short, too long, characters outside base62", () => {
    const { value } = generateKeyValue();
    const body = value.slice("knouds_live_".length);
    const misses = [
      `knouds_test_${body}`,
      `Knouds_live_${body}`,
      `knoudslive_${body}`,
      `sk_live_${body}`,
      value.slice(0, -1),
      `${value}A`,
      `${value.slice(0, 30)}-${value.slice(31)}`,
      `${value.slice(0, 30)}_${value.slice(31)}`,
      `${value.slice(0, 30)}é${value.slice(31)}`,
      `x${value}`,
    ];
    for (const miss of misses) {
      for (const text of contexts(miss)) {
        expect(found(github, text), text).toEqual([]);
        expect(found(gitleaks, text), text).toEqual([]);
      }
      expect(checkKeyShape(miss).wellFormed, miss).toBe(false);
    }
    expect(checkKeyShape(`knouds_test_${body}`)).toMatchObject({ problem: "PREFIX", message: "does not start with knouds_live_" });
    expect(checkKeyShape(value.slice(0, -1))).toMatchObject({ problem: "LENGTH", message: "is 49 characters long, not 50" });
    expect(checkKeyShape(`${value.slice(0, 30)}-${value.slice(31)}`)).toMatchObject({ problem: "CHARACTERS" });
  });

  it("leave the checksum to check-key: a well-shaped value with a wrong checksum matches but is not well-formed", () => {
    const { value } = generateKeyValue();
    const last = value.at(-1) === "A" ? "B" : "A";
    const forged = `${value.slice(0, -1)}${last}`;
    expect(found(gitleaks, forged)).toEqual([forged]);
    expect(checkKeyShape(forged)).toMatchObject({ wellFormed: false, problem: "CHECKSUM" });
    expect(checkKeyShape(value)).toEqual({ wellFormed: true });
  });
});
