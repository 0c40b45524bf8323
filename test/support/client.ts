/** A small HTTP client for tests: GraphQL with typed documents, REST, and a cookie jar. */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { recordKeyValuesIn } from "./suite.js";

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors?: Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }>;
  headers: Headers;
  /** The raw response body, for searching it for secrets. */
  text: string;
}

export class Client {
  private cookie: string | null = null;
  /** Every response body this client has seen, for secret scans. */
  readonly bodies: string[] = [];

  constructor(
    readonly baseUrl: string,
    private apiKey?: string,
  ) {}

  withKey(apiKey: string | undefined): Client {
    const other = new Client(this.baseUrl, apiKey);
    other.cookie = this.cookie;
    return other;
  }

  /** The same session against another instance (instances share sessions through the store). */
  withBaseUrl(baseUrl: string): Client {
    const other = new Client(baseUrl, this.apiKey);
    other.cookie = this.cookie;
    return other;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.apiKey !== undefined) headers["x-api-key"] = this.apiKey;
    if (this.cookie) headers.cookie = this.cookie;
    return headers;
  }

  private remember(response: Response, text: string): void {
    this.bodies.push(text);
    recordKeyValuesIn(text);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair?.startsWith("knouds_session=")) this.cookie = pair.endsWith("=") ? null : pair;
    }
  }

  async graphql<TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables?: TVars): Promise<GraphQLResponse<TData>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ query: print(document), variables }),
    });
    const text = await response.text();
    this.remember(response, text);
    const body = JSON.parse(text) as { data?: TData | null; errors?: GraphQLResponse<TData>["errors"] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers, text };
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
    const raw = typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: this.headers(raw === undefined ? extraHeaders : { "content-type": "application/json", ...extraHeaders }),
      body: raw,
    });
    const text = await response.text();
    this.remember(response, text);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: tests assert on `text`.
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }
}
