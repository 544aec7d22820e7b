import { describe, expect, it } from "vitest";
import type { PlanCard, RunbookTemplate } from "../api/types";
import { approvalNotice, draftFrom, validatePlan } from "./planValidation";

const template: RunbookTemplate = {
  slug: "deploy", title: "Deploy", description: "", defaultLane: "B", risk: "write",
  environments: ["dev", "staging", "prod"],
  parameters: [
    { key: "service", label: "Service", type: "string", default: "web", pattern: "^[a-z0-9-]+$" },
    { key: "replicas", label: "Replicas", type: "number", required: true },
    { key: "dryRun", label: "Dry run", type: "boolean" },
    { key: "region", label: "Region", type: "enum", allowedValues: ["eu", "us"] },
    { key: "token", label: "Token", type: "secret", default: null },
  ],
  steps: [],
};

const card: PlanCard = {
  template: "deploy", params: { service: "api", replicas: 2, token: "***" }, environment: "staging", lane: "B", risk: "write",
  requiresApproval: false, confidence: 0.9, steps: [], alternatives: [], suggestions: [], missing: [],
};

describe("plan card parameters", () => {
  it("starts from the card's values and never pre-fills a secret", () => {
    expect(draftFrom(card, template)).toEqual({ service: "api", replicas: "2", dryRun: false, region: "", token: "" });
  });

  it("accepts valid values and sends them typed", () => {
    const result = validatePlan(template, { service: "api", replicas: "3", dryRun: true, region: "eu", token: "" }, "prod");
    expect(result.errors).toEqual({});
    expect(result.params).toEqual({ service: "api", replicas: 3, dryRun: true, region: "eu" });
    expect(result.environment).toBe("prod");
  });

  it("reports each bad value against the schema", () => {
    const result = validatePlan(template, { service: "Not Valid", replicas: "three", dryRun: false, region: "mars", token: "" }, "staging");
    expect(Object.keys(result.errors).sort()).toEqual(["params.region", "params.replicas", "params.service"]);
    expect(result.errors["params.replicas"]).toBe("'replicas' must be a number.");
    expect(result.errors["params.service"]).toContain("must match the pattern");
  });

  it("requires a required value with no default", () => {
    const result = validatePlan(template, { service: "", replicas: "", dryRun: false, region: "", token: "" }, "dev");
    expect(result.errors).toEqual({ "params.replicas": "'replicas' (Replicas) is required." });
    expect(result.params).toEqual({ dryRun: false });
  });

  it("requires one of the template's environments", () => {
    const draft = { service: "web", replicas: "1", dryRun: false, region: "", token: "" };
    expect(validatePlan(template, draft, null).errors.environment).toContain("An environment is required");
    expect(validatePlan(template, draft, "moon").errors.environment).toContain("not one this template targets");
    expect(validatePlan({ ...template, environments: ["prod"] }, draft, null).environment).toBe("prod");
  });

  it("tells when an approver must decide", () => {
    expect(approvalNotice({ ...card, requiresApproval: true }, "staging")).toContain("approver");
    expect(approvalNotice(card, "staging")).toBeNull();
    expect(approvalNotice(card, "prod")).toContain("approver");
    expect(approvalNotice({ ...card, risk: "read" }, "prod")).toBeNull();
  });
});
