import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { PlanCard, RunbookTemplate } from "../api/types";
import { PlanCardView } from "./PlanCardView";

const template: RunbookTemplate = {
  slug: "deploy", title: "Deploy a service", description: "", defaultLane: "B", risk: "write",
  environments: ["staging", "prod"],
  parameters: [{ key: "service", label: "Service", type: "string", default: "web", pattern: "^[a-z0-9-]+$" }],
  steps: [{ id: "plan", title: "State what will be deployed", phase: "validate", action: "echo" }],
};

const card = (overrides: Partial<PlanCard>): PlanCard => ({
  template: "deploy", params: { service: "web" }, environment: "prod", lane: "B", risk: "write", requiresApproval: true,
  confidence: 0.8, steps: [{ id: "plan", title: "State what will be deployed", phase: "validate", action: "echo" }],
  alternatives: [], suggestions: [], missing: [], ...overrides,
});

const render = (c: PlanCard, mayRun = true) =>
  renderToStaticMarkup(<PlanCardView card={c} template={template} mayRun={mayRun} onRun={async () => undefined} />);

describe("plan card", () => {
  it("shows the template, risk, steps and the approval notice, with Run enabled for valid values", () => {
    const html = render(card({}));
    expect(html).toContain("Deploy a service");
    expect(html).toContain("write risk");
    expect(html).toContain("State what will be deployed");
    expect(html).toContain('data-testid="approval-notice"');
    expect(html).toMatch(/<button type="button" class="primary">Run<\/button>/);
  });

  it("flags a value the schema refuses and keeps Run disabled", () => {
    const html = render(card({ params: { service: "Bad Name" }, requiresApproval: false, environment: "staging" }));
    expect(html).toContain("must match the pattern");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<button type="button" class="primary" disabled="">Run<\/button>/);
    expect(html).not.toContain("approval-notice");
  });

  it("asks for an environment when the sentence named none", () => {
    expect(render(card({ environment: null }))).toContain("An environment is required");
  });

  it("offers no Run button to a key that may not run", () => {
    expect(render(card({}), false)).toContain("may read plans but not start runs");
  });
});
