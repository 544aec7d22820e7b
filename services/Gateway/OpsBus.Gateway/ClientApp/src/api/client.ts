import type { Caller } from "./types";

/** A refusal of the API, with the problem details' text and any field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** What a refused request said, one line per field it named (`field: problem`), else its message (through `describe`). */
export function problemLines(e: unknown, describe: (message: string) => string = (m) => m): string[] {
  const fields = e instanceof ApiError ? Object.entries(e.errors).map(([f, m]) => `${f}: ${m.join(" ")}`) : [];
  return fields.length > 0 ? fields : [describe((e as Error).message)];
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is with this content type instead of JSON. */
  text?: { content: string; type: string };
  headers?: Record<string, string>;
  accept?: string;
}

/** Talks to the gateway's public API with one API key. */
export class ApiClient {
  constructor(readonly key: string) {}

  async send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.key}`,
      Accept: options.accept ?? "application/json",
      ...options.headers,
    };
    let body: string | undefined;
    if (options.text) {
      headers["Content-Type"] = options.text.type;
      body = options.text.content;
    } else if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const response = await fetch(path, { method: options.method ?? "GET", headers, body });
    if (!response.ok) throw await toError(response);
    return response;
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options);
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  text(path: string, accept: string): Promise<string> {
    return this.send(path, { accept }).then((r) => r.text());
  }

  me(): Promise<Caller> {
    return this.json<Caller>("/api/me");
  }
}

async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = {};
  }
  const fields = problem.errors ?? {};
  const fieldText = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
    .join("; ");
  const message = problem.detail ?? (fieldText || problem.title) ?? `${response.status} ${response.statusText}`;
  return new ApiError(response.status, message || `HTTP ${response.status}`, fields);
}

/** A fresh idempotency key, so a double click never starts a run twice. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

export const roles = {
  mayOperate: (caller: Caller) => caller.roles.some((r) => r === "operator" || r === "approver" || r === "admin"),
  mayApprove: (caller: Caller) => caller.roles.some((r) => r === "approver" || r === "admin"),
  isAdmin: (caller: Caller) => caller.roles.includes("admin"),
};
