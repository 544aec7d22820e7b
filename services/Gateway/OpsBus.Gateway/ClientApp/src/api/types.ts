/** The shapes of the public API, as the gateway and the hub send them (camelCase JSON). */

export type RunStatus =
  | "awaiting_approval"
  | "queued"
  | "claimed"
  | "running"
  | "cancelling"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "rejected";

export const runStatuses: readonly RunStatus[] = [
  "awaiting_approval",
  "queued",
  "claimed",
  "running",
  "cancelling",
  "succeeded",
  "failed",
  "cancelled",
  "rejected",
];

export const isTerminal = (status: string): boolean =>
  status === "succeeded" || status === "failed" || status === "cancelled" || status === "rejected";

export interface StepSnapshot {
  id: string;
  title: string;
  phase: string;
  action: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface RunApproval {
  status: string;
  planHash: string | null;
  risk: string | null;
  expiresAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface RunSnapshot {
  id: string;
  status: RunStatus;
  attempt: number;
  maxAttempts: number;
  lane: string;
  sessionId: string | null;
  template: string | null;
  environment: string | null;
  priority: number;
  claimedBy: string | null;
  createdAt: string;
  claimedAt: string | null;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  error: string | null;
  requestedBy: string | null;
  retryOf: string | null;
  steps: StepSnapshot[];
  templateVersion?: number | null;
  parameters?: Record<string, string> | null;
  planHash?: string | null;
  risk?: string | null;
  requiresApproval?: boolean;
  approval?: RunApproval | null;
}

export interface RunPage {
  items: RunSnapshot[];
  nextCursor: string | null;
}

export interface LogLine {
  seq: number;
  ts: string;
  level: string;
  source: string;
  message: string;
}

export interface RunLogBatch {
  runId: string;
  items: LogLine[];
}

export interface Artifact {
  id: string;
  runId: string;
  kind: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string | null;
  url: string | null;
  createdAt: string;
  createdBy: string;
}

export type JsonValue = string | number | boolean | null;

export interface PlanCardStep {
  id: string;
  title: string;
  phase: string;
  action: string;
}

export interface PlanCard {
  template: string | null;
  params: Record<string, JsonValue> | null;
  environment: string | null;
  lane: string | null;
  risk: string | null;
  requiresApproval: boolean;
  confidence: number;
  steps: PlanCardStep[];
  alternatives: PlanCard[] | null;
  suggestions: string[] | null;
  missing: string[];
}

export type ParameterType = "string" | "number" | "boolean" | "enum" | "secret";

export const parameterTypes: readonly ParameterType[] = ["string", "number", "boolean", "enum", "secret"];

export interface TemplateParameter {
  key: string;
  label: string;
  type: ParameterType;
  required?: boolean;
  default?: JsonValue;
  allowedValues?: string[] | null;
  pattern?: string | null;
}

export interface TemplateStep {
  id: string;
  title: string;
  phase: string;
  action: string;
  inputs?: Record<string, unknown> | null;
  timeoutSeconds?: number | null;
  continueOnError?: boolean;
}

export interface RunbookTemplate {
  slug: string;
  title: string;
  description: string;
  defaultLane: string;
  risk: string;
  environments: string[];
  parameters: TemplateParameter[];
  steps: TemplateStep[];
  version?: number;
}

export interface TemplateSummary {
  slug: string;
  title: string;
  description: string;
  defaultLane: string;
  risk: string;
  environments: string[];
  version: number;
  updatedAt: string;
}

export interface TemplateVersionSummary {
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface Session {
  id: string;
  name: string;
  lanes: string[];
  createdBy: string;
  createdAt: string;
  archivedAt: string | null;
}

export interface Caller {
  name: string;
  roles: string[];
}

/** A spec document in a list (`GET /api/spec-docs`): without its content. */
export interface SpecDocSummary {
  slug: string;
  title: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** A spec document at its latest version. */
export interface SpecDoc extends SpecDocSummary {
  content: string;
  createdAt: string;
  createdBy: string;
}

export interface SpecDocVersionSummary {
  version: number;
  title: string;
  createdAt: string;
  createdBy: string;
}

export interface SpecDocVersion extends SpecDocVersionSummary {
  slug: string;
  content: string;
}
