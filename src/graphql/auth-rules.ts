/**
 * The auth rules a field can carry, and their picture in the SDL. plugin-scope-auth enforces a
 * field's `authScopes`; the AuthRulesPlugin below reads the very same option and writes the
 * matching directive (`@requiresScope`, `@signedInOrScope`, `@signedIn`, `@platformAdmin`, emitted by
 * plugin-directives) and a line in the field's description, which GraphiQL's docs show
 * (introspection carries descriptions, not directives). A rule it cannot picture stops the
 * build, so what the SDL shows is what is enforced.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type PothosTypeConfig, type SchemaTypes } from "@pothos/core";
import { DirectiveLocation, GraphQLDirective, GraphQLEnumType, GraphQLNonNull, GraphQLSchema, GraphQLString } from "graphql";
import { CAPABILITIES, SCOPES, isScope, type Capability, type Scope } from "../domain/scopes.js";

/**
 * Auth scopes the schema can ask for. `free`, `deployment` and `admin` are API-key scopes and
 * come straight from the one scope table; `signedIn` and `platformAdmin` are browser-session
 * facts; `browserSession` is a signed-in session sent without an API key (a key sent with a
 * cookie is judged as the key).
 */
export type AuthScopes = Record<Scope, boolean> & { signedIn: boolean; platformAdmin: boolean; browserSession: boolean };

/** The `authScopes` rule for a capability, read from the scope table: API keys only. */
export function needs(capability: Capability): Partial<AuthScopes> {
  return { [CAPABILITIES[capability]]: true };
}

/**
 * The account's own browser session (no key), or an API key with the capability's scope: the
 * rule of the workflow and run fields a person uses in the web app. What the session may then
 * do with another account's workflow is refined in the resolver (domain/workflow-access.ts).
 */
export function signedInOr(capability: Capability): Partial<AuthScopes> {
  return { browserSession: true, [CAPABILITIES[capability]]: true };
}

/** A session rule that needs a platform admin when one argument (a dotted path) is given. */
export interface PlatformAdminWhenGiven {
  (parent: unknown, args: object): Partial<AuthScopes>;
  readonly argument: string;
}

/**
 * Signed in; a platform administrator when `argument` (e.g. `input.accountId`: acting on
 * another account) is given.
 */
export function platformAdminWhenGiven(argument: string): PlatformAdminWhenGiven {
  const path = argument.split(".");
  const rule = (_parent: unknown, args: object): Partial<AuthScopes> => {
    let value: unknown = args;
    for (const key of path) value = value === null || typeof value !== "object" ? undefined : (value as Record<string, unknown>)[key];
    return value === undefined || value === null ? { signedIn: true } : { platformAdmin: true };
  };
  return Object.assign(rule, { argument });
}

interface AppliedDirective {
  name: "requiresScope" | "signedInOrScope" | "signedIn" | "platformAdmin";
  args?: Record<string, unknown>;
}

/** A field's rule as directives and a sentence for its description; null for a field open to all. */
export function picture(rule: unknown, field: string): { directives: AppliedDirective[]; sentence: string } | null {
  if (rule === undefined) return null;
  if (typeof rule === "function" && "argument" in rule && typeof rule.argument === "string") {
    return {
      directives: [{ name: "signedIn" }, { name: "platformAdmin", args: { argument: rule.argument } }],
      sentence: `Needs a signed-in browser session; with \`${rule.argument}\`, a platform administrator.`,
    };
  }
  const granted = rule !== null && typeof rule === "object" ? Object.entries(rule).filter(([, on]) => on === true) : [];
  if (granted.length === 2 && Object.keys(rule as object).length === 2 && (rule as Partial<AuthScopes>).browserSession === true) {
    const scope = granted.map(([name]) => name).find(isScope);
    if (scope) {
      return {
        directives: [{ name: "signedInOrScope", args: { scope } }],
        sentence: `Needs a signed-in browser session (sent without an API key), or an API key with scope \`${scope}\` or above.`,
      };
    }
  }
  if (granted.length === 1 && Object.keys(rule as object).length === 1) {
    const [name] = granted[0]!;
    if (isScope(name)) {
      return {
        directives: [{ name: "requiresScope", args: { scope: name } }],
        sentence: `Needs an API key with scope \`${name}\` or above.`,
      };
    }
    if (name === "signedIn") {
      return { directives: [{ name: "signedIn" }], sentence: "Needs a signed-in browser session, not an API key." };
    }
    if (name === "platformAdmin") {
      return { directives: [{ name: "platformAdmin" }], sentence: "Needs a signed-in platform administrator." };
    }
  }
  throw new Error(
    `${field}: its authScopes rule cannot be shown in the SDL; use needs(), signedInOr(), { signedIn: true }, { platformAdmin: true } or platformAdminWhenGiven()`,
  );
}

/** The directive definitions; `scope` is the schema's own Scope enum. */
export function authDirectives(scope: GraphQLEnumType): GraphQLDirective[] {
  const on = [DirectiveLocation.FIELD_DEFINITION];
  return [
    new GraphQLDirective({
      name: "requiresScope",
      description: `Needs an API key whose effective scope is \`scope\` or above (${[...SCOPES].reverse().join(" ⊃ ")}). Refused with SCOPE_DENIED, or UNAUTHENTICATED without a key.`,
      locations: on,
      args: { scope: { type: new GraphQLNonNull(scope) } },
    }),
    new GraphQLDirective({
      name: "signedInOrScope",
      description:
        "Needs a signed-in browser session sent without an API key (the account's owner in the web app), or an API key whose effective scope is `scope` or above. A key sent with the cookie is judged as the key alone. Refused with SCOPE_DENIED for a key below `scope`, or UNAUTHENTICATED with neither.",
      locations: on,
      args: { scope: { type: new GraphQLNonNull(scope) } },
    }),
    new GraphQLDirective({
      name: "signedIn",
      description: "Needs a signed-in browser session (the settings page's cookie), not an API key. Refused with UNAUTHENTICATED.",
      locations: on,
    }),
    new GraphQLDirective({
      name: "platformAdmin",
      description:
        "Needs a signed-in platform administrator; with `argument`, only when that argument is given. Refused with FORBIDDEN, or UNAUTHENTICATED without a session.",
      locations: on,
      args: { argument: { type: GraphQLString } },
    }),
  ];
}

class AuthRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const options = fieldConfig.pothosOptions as { authScopes?: unknown };
    const shown = picture(options.authScopes, `${fieldConfig.parentType}.${fieldConfig.name}`);
    if (!shown) return fieldConfig;
    const before = fieldConfig.extensions?.directives;
    return {
      ...fieldConfig,
      // One paragraph: GraphiQL's field lists show only a description's first.
      description: fieldConfig.description ? `${fieldConfig.description} ${shown.sentence}` : shown.sentence,
      extensions: { ...fieldConfig.extensions, directives: [...(Array.isArray(before) ? before : []), ...shown.directives] },
    };
  }

  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    if ("authScopes" in typeConfig.pothosOptions && typeConfig.pothosOptions.authScopes !== undefined) {
      throw new Error(`${typeConfig.name}: put auth rules on its fields, where the SDL shows them`);
    }
    return typeConfig;
  }

  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    const scope = schema.getType("Scope");
    if (!(scope instanceof GraphQLEnumType)) throw new Error("the schema has no Scope enum for @requiresScope");
    const config = schema.toConfig();
    return new GraphQLSchema({ ...config, directives: [...config.directives, ...authDirectives(scope)] });
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const AuthRules = "authRules";
SchemaBuilder.registerPlugin(AuthRules, AuthRulesPlugin);

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      authRules: AuthRulesPlugin<Types>;
    }
  }
}
