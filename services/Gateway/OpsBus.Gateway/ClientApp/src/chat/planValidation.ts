import type { JsonValue, PlanCard, RunbookTemplate, TemplateParameter } from "../api/types";

/** What the operator typed per parameter: text for most types, a flag for booleans. */
export type ParamDraft = Record<string, string | boolean>;

/** The card's parameters as form values; a secret is never pre-filled. */
export function draftFrom(card: PlanCard, template: RunbookTemplate): ParamDraft {
  const draft: ParamDraft = {};
  for (const parameter of template.parameters) {
    const value = parameter.type === "secret" ? undefined : (card.params?.[parameter.key] ?? parameter.default);
    if (parameter.type === "boolean") draft[parameter.key] = value === true;
    else draft[parameter.key] = value === undefined || value === null ? "" : String(value);
  }
  return draft;
}

/** The JSON value a form value stands for, or null when nothing was given (so the template's default applies). */
export function toJsonValue(parameter: TemplateParameter, raw: string | boolean | undefined): JsonValue {
  if (parameter.type === "boolean") return raw === true;
  const text = typeof raw === "string" ? raw : "";
  if (text === "") return null;
  if (parameter.type === "number") {
    const number = Number(text.trim());
    return text.trim() !== "" && Number.isFinite(number) ? number : text;
  }
  return text;
}

/** The same rules as the orchestrator's: strict types, enums, patterns matched in full, required values. */
export function checkValue(parameter: TemplateParameter, value: JsonValue): string | null {
  const key = parameter.key;
  if (value === null) {
    const fallback = parameter.default;
    return parameter.required && (fallback === undefined || fallback === null) ? `'${key}' (${parameter.label}) is required.` : null;
  }
  switch (parameter.type) {
    case "number":
      return typeof value === "number" ? null : `'${key}' must be a number.`;
    case "boolean":
      return typeof value === "boolean" ? null : `'${key}' must be true or false.`;
    case "enum": {
      const allowed = parameter.allowedValues ?? [];
      return typeof value === "string" && allowed.includes(value) ? null : `'${key}' must be one of: ${allowed.join(", ")}.`;
    }
    case "string":
    case "secret": {
      if (typeof value !== "string") return `'${key}' must be a string.`;
      if (!parameter.pattern) return null;
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${stripAnchors(parameter.pattern)})$`, "u");
      } catch {
        return null;
      }
      return pattern.test(value) ? null : `'${key}' must match the pattern ${parameter.pattern}.`;
    }
    default:
      return `'${key}' has an unknown type '${String(parameter.type)}'.`;
  }
}

/** .NET patterns often carry their own ^…$; JavaScript's RegExp wants them once. */
function stripAnchors(pattern: string): string {
  return pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
}

export interface PlanValidation {
  errors: Record<string, string>;
  params: Record<string, JsonValue>;
  environment: string | null;
}

/** Checks the draft and environment against the template; `params` holds the values to send (nulls left out). */
export function validatePlan(template: RunbookTemplate, draft: ParamDraft, environment: string | null): PlanValidation {
  const errors: Record<string, string> = {};
  const params: Record<string, JsonValue> = {};
  for (const parameter of template.parameters) {
    const value = toJsonValue(parameter, draft[parameter.key]);
    const error = checkValue(parameter, value);
    if (error) errors[`params.${parameter.key}`] = error;
    if (value !== null) params[parameter.key] = value;
  }

  let resolved = environment && environment.trim() !== "" ? environment : null;
  const environments = template.environments ?? [];
  if (environments.length > 0) {
    if (resolved === null && environments.length === 1) resolved = environments[0]!;
    else if (resolved === null) errors.environment = `An environment is required: one of ${environments.join(", ")}.`;
    else if (!environments.includes(resolved))
      errors.environment = `The environment '${resolved}' is not one this template targets: one of ${environments.join(", ")}.`;
  }
  return { errors, params, environment: resolved };
}

/** Whether the run will wait for an approver: the card says so for its own environment; prod is where policy usually asks. */
export function approvalNotice(card: PlanCard, environment: string | null): string | null {
  if (environment === card.environment)
    return card.requiresApproval ? "This run needs an approver's decision before it starts." : null;
  return environment === "prod" && card.risk !== "read"
    ? "Runs in prod usually need an approver's decision before they start."
    : null;
}
