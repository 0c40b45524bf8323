/**
 * The auth directives in schema/schema.graphql agree with what the server enforces, field by
 * field: every field of the published SDL is called by a caller of every level (no
 * credentials, a free, deployment and admin key, a signed-in user, a platform admin, and a
 * free key sent together with a signed-in user's cookie, which is judged as the key), and the
 * answer is refused exactly when the field's directives (and its parent's) say so, with the
 * code the directive's description names. Arguments are filled from the SDL, so a new field is
 * covered without touching this file. What each directive means is written out here, from
 * its documented definition, not read from the code under test.
 */
import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  valueFromASTUntyped,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/domain/account.js";
import { SCOPES, type Scope } from "../../src/domain/scopes.js";
import { signUp } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";
import { createWorkflow } from "../support/workflows.js";

const SDL = buildSchema(readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8"));

type Who = "nobody" | Scope | "signedIn" | "platformAdmin" | "freeKeyWithCookie";
const CALLERS: Who[] = ["nobody", "free", "deployment", "admin", "signedIn", "platformAdmin", "freeKeyWithCookie"];
const AUTH_CODES = new Set(["UNAUTHENTICATED", "SCOPE_DENIED", "FORBIDDEN"]);
/** A workflow the keys' account owns and has deployed, for fields below Query.workflow. */
const SAMPLE_ID = "sample";
const PASSWORD = "correct horse battery";

interface Rule {
  name: string;
  args: Record<string, unknown>;
}

function rulesOf(field: GraphQLField<unknown, unknown>): Rule[] {
  return (field.astNode?.directives ?? []).map((directive) => ({
    name: directive.name.value,
    args: Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)])),
  }));
}

const isKey = (who: Who): who is Scope => (SCOPES as readonly string[]).includes(who);
/** The scope of the key a caller sends, if any: a key sent with a cookie counts as that key. */
const keyScopeOf = (who: Who): Scope | null => (isKey(who) ? who : who === "freeKeyWithCookie" ? "free" : null);
const isSession = (who: Who) => who === "signedIn" || who === "platformAdmin" || who === "freeKeyWithCookie";
/** A signed-in session sent without any key. */
const isBrowserSession = (who: Who) => who === "signedIn" || who === "platformAdmin";

/** The code a caller is refused with under `rules` (the directives' definitions), or null. */
function expectedRefusal(rules: Rule[], who: Who, given: Set<string>): string | null {
  for (const rule of rules) {
    switch (rule.name) {
      case "requiresScope": {
        const scope = keyScopeOf(who);
        if (scope === null) return "UNAUTHENTICATED";
        if (SCOPES.indexOf(scope) < SCOPES.indexOf(rule.args.scope as Scope)) return "SCOPE_DENIED";
        break;
      }
      case "signedInOrScope": {
        if (isBrowserSession(who)) break;
        const scope = keyScopeOf(who);
        if (scope === null) return "UNAUTHENTICATED";
        if (SCOPES.indexOf(scope) < SCOPES.indexOf(rule.args.scope as Scope)) return "SCOPE_DENIED";
        break;
      }
      case "signedIn":
        if (!isSession(who)) return "UNAUTHENTICATED";
        break;
      case "platformAdmin":
        if (typeof rule.args.argument === "string" && !given.has(rule.args.argument)) break;
        if (!isSession(who)) return "UNAUTHENTICATED";
        if (who !== "platformAdmin") return "FORBIDDEN";
        break;
      default:
        throw new Error(`unknown directive @${rule.name}`);
    }
  }
  return null;
}

/** A GraphQL literal for an input type: required input fields filled, `also` paths added. */
function literal(type: GraphQLInputType, path: string, also: Set<string>, id: string): string {
  const inner = getNullableType(type);
  if (isListType(inner)) return "[]";
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) || also.has(`${path}.${f.name}`));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, `${path}.${f.name}`, also, id)}`).join(", ")} }`;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case "ID":
        return JSON.stringify(id);
      case "Int":
      case "Float":
        return "1";
      case "Boolean":
        return "true";
      case "JSON":
        return "{}";
      case "DateTime":
        return JSON.stringify(new Date(0).toISOString());
      default:
        return '"x"';
    }
  }
  throw new Error(`cannot fill ${String(type)}`);
}

function callOf(field: GraphQLField<unknown, unknown>, also: Set<string>, id: string, overrides: Record<string, string>): string {
  const args = field.args
    .filter((arg: GraphQLArgument) => isNonNullType(arg.type) || [...also].some((p) => p === arg.name || p.startsWith(`${arg.name}.`)))
    .map((arg) => `${arg.name}: ${overrides[arg.name] ?? literal(arg.type, arg.name, also, id)}`);
  return args.length > 0 ? `${field.name}(${args.join(", ")})` : field.name;
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  return isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
}

interface Probe {
  title: string;
  operation: string;
  /** Where a refusal is reported, and the rules that apply there, outermost first. */
  steps: Array<{ path: string; rules: Rule[] }>;
  given: Set<string>;
}

describe("auth directives in the SDL agree with enforcement, field by field", () => {
  let server: TestServer;
  let owner: Account;
  let admin: Account;
  let signInEmail: string;

  beforeAll(async () => {
    server = await startServer();
    const signedIn = await signUp(server, { tier: "business" });
    await createWorkflow(signedIn, SAMPLE_ID);
    owner = (await server.server.services.accounts.findById(signedIn.accountId))!;
    admin = (await server.server.services.accounts.findById((await signUp(server, { platformAdmin: true })).accountId))!;
    signInEmail = (await signUp(server)).email;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Keys handed out for the call under way, deleted after it (an account holds at most 100). */
  const issued: string[] = [];

  /** Fresh credentials for every call, so budgets and signOut never carry over. */
  async function headersFor(who: Who): Promise<Record<string, string>> {
    const { services } = server.server;
    if (isKey(who)) {
      const { apiKey: key, value } = await services.apiKeys.create(owner, owner, `directives ${who}`, who);
      issued.push(key.id);
      recordKeyValuesIn(value);
      return { "x-api-key": value };
    }
    if (isSession(who)) {
      const { token } = await services.sessions.start((who === "platformAdmin" ? admin : owner).id);
      const cookie = { cookie: `knouds_session=${token}` };
      if (who !== "freeKeyWithCookie") return cookie;
      const { apiKey: key, value } = await services.apiKeys.create(owner, owner, "directives free with cookie", "free");
      issued.push(key.id);
      recordKeyValuesIn(value);
      return { ...cookie, "x-api-key": value };
    }
    return {};
  }

  function probes(): Probe[] {
    const found: Probe[] = [];
    const overrides: Record<string, Record<string, string>> = {
      // A wrong password is refused as UNAUTHENTICATED by the resolver, not by a rule.
      "Mutation.signIn": { input: `{ email: ${JSON.stringify(signInEmail)}, password: ${JSON.stringify(PASSWORD)} }` },
    };
    for (const [kind, root] of [
      ["query", SDL.getQueryType()!],
      ["mutation", SDL.getMutationType()!],
    ] as const) {
      for (const field of Object.values(root.getFields())) {
        const rules = rulesOf(field);
        const conditional = rules.map((r) => r.args.argument).filter((a): a is string => typeof a === "string");
        for (const given of [new Set<string>(), ...conditional.map((a) => new Set([a]))]) {
          const call = callOf(field, given, "missing", overrides[`${root.name}.${field.name}`] ?? {});
          found.push({
            title: `${root.name}.${field.name}${given.size ? ` with ${[...given].join(", ")}` : ""}`,
            operation: `${kind} { ${call}${selectionOf(field)} }`,
            steps: [{ path: field.name, rules }],
            given,
          });
        }
      }
    }
    // Fields below the root that carry rules, reached through a query returning their type,
    // directly or as the nodes of a connection (`{ edges { node { … } } }`).
    const nodeTypeOf = (type: GraphQLNamedType): GraphQLNamedType | undefined => {
      const edges = isObjectType(type) ? type.getFields().edges : undefined;
      const edge = edges ? getNamedType(edges.type) : undefined;
      const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
      return node ? getNamedType(node.type) : undefined;
    };
    for (const type of Object.values(SDL.getTypeMap())) {
      if (!isObjectType(type) || type === SDL.getQueryType() || type === SDL.getMutationType() || type.name.startsWith("__")) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const rules = rulesOf(field);
        if (rules.length === 0) continue;
        const queries = Object.values(SDL.getQueryType()!.getFields());
        const direct = queries.find((f) => getNamedType(f.type) === type);
        const parent = direct ?? queries.find((f) => nodeTypeOf(getNamedType(f.type)) === type);
        if (!parent) throw new Error(`${type.name}.${field.name} carries rules but no query returns ${type.name}`);
        const selection = `${field.name}${selectionOf(field)}`;
        found.push({
          title: `${type.name}.${field.name} (through Query.${parent.name})`,
          operation: `query { ${callOf(parent, new Set(), SAMPLE_ID, {})} { ${direct ? selection : `edges { node { ${selection} } }`} } }`,
          steps: [
            { path: parent.name, rules: rulesOf(parent) },
            { path: `${parent.name}.${field.name}`, rules },
          ],
          given: new Set(),
        });
      }
    }
    return found;
  }

  it("finds the directives on the fields docs/api.md shows", () => {
    const names = (type: GraphQLObjectType, field: string) => rulesOf(type.getFields()[field]!).map((r) => `@${r.name}`);
    expect(names(SDL.getMutationType()!, "runModel")).toEqual(["@requiresScope"]);
    expect(rulesOf(SDL.getMutationType()!.getFields().runModel!)[0]!.args).toEqual({ scope: "admin" });
    expect(names(SDL.getMutationType()!, "deleteApiKey")).toEqual(["@signedIn"]);
    expect(names(SDL.getMutationType()!, "setApiKeyScope")).toEqual(["@platformAdmin"]);
    // Workflows in the browser: the owner's session, or a key with the scope docs/api.md names.
    expect(names(SDL.getMutationType()!, "createWorkflow")).toEqual(["@signedInOrScope"]);
    expect(rulesOf(SDL.getMutationType()!.getFields().createWorkflow!)[0]!.args).toEqual({ scope: "admin" });
    expect(rulesOf(SDL.getMutationType()!.getFields().runWorkflow!)[0]!.args).toEqual({ scope: "free" });
    expect(names(SDL.getQueryType()!, "runs")).toEqual(["@signedInOrScope"]);
    for (const name of ["requiresScope", "signedInOrScope", "signedIn", "platformAdmin"]) expect(SDL.getDirective(name)).toBeDefined();
  });

  it("shows each rule in the field's description, for GraphiQL's docs", () => {
    for (const root of [SDL.getQueryType()!, SDL.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        for (const rule of rulesOf(field)) {
          const phrase =
            rule.name === "requiresScope" || rule.name === "signedInOrScope"
              ? `scope \`${String(rule.args.scope)}\``
              : rule.name === "signedIn"
                ? "signed-in browser session"
                : "platform administrator";
          expect(field.description, `${root.name}.${field.name}`).toContain(phrase);
        }
      }
    }
  });

  it("refuses exactly the callers the directives exclude, with the documented code", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const probe of probes()) {
      for (const who of CALLERS) {
        const response = await fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(await headersFor(who)) },
          body: JSON.stringify({ query: probe.operation }),
        });
        const text = await response.text();
        recordKeyValuesIn(text);
        for (const id of issued.splice(0)) await server.server.services.apiKeys.delete(owner, id);
        const body = JSON.parse(text) as { errors?: Array<{ path?: string[]; extensions: { code: string } }> };
        const refusals = (body.errors ?? []).filter((e) => AUTH_CODES.has(e.extensions.code));
        const seen = refusals.map((e) => `${(e.path ?? []).join(".")}:${e.extensions.code}`);
        let wanted: string[] = [];
        for (const step of probe.steps) {
          const code = expectedRefusal(step.rules, who, probe.given);
          if (code) {
            wanted = [`${step.path}:${code}`];
            break;
          }
        }
        checked++;
        if (JSON.stringify(seen) !== JSON.stringify(wanted)) {
          mismatches.push(
            `${probe.title} as ${who}: directives say ${wanted.join() || "allowed"}, server said ${seen.join() || "allowed"} (${text.slice(0, 200)})`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
