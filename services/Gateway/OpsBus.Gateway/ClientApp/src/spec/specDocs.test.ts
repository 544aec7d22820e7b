import { describe, expect, it } from "vitest";
import type { Artifact, SpecDocSummary } from "../api/types";
import { featureSlug, generatedBundle, groupByFeature, specDocPath } from "./specDocs";

const doc = (slug: string): SpecDocSummary => ({ slug, title: slug, version: 1, updatedAt: "2026-01-01T00:00:00Z", updatedBy: "ana" });

const artifact = (name: string, kind = "markdown"): Artifact => ({
  id: name, runId: "r", kind, name, contentType: "text/markdown", size: 10, sha256: null, url: null,
  createdAt: "2026-01-01T00:00:00Z", createdBy: "run",
});

describe("documents by feature", () => {
  it("groups by folder alphabetically with loose documents last, a bundle's files in reading order", () => {
    const groups = groupByFeature(["glossary", "zeta/prd", "deploy-freeze/tasks", "deploy-freeze/notes", "deploy-freeze/prd", "deploy-freeze/constitution", "deploy-freeze/plan"].map(doc));
    expect(groups.map((g) => [g.feature, g.documents.map((d) => d.slug)])).toEqual([
      ["deploy-freeze", ["deploy-freeze/constitution", "deploy-freeze/prd", "deploy-freeze/plan", "deploy-freeze/tasks", "deploy-freeze/notes"]],
      ["zeta", ["zeta/prd"]],
      [null, ["glossary"]],
    ]);
  });
});

describe("the bundle a run writes", () => {
  it("files a feature under the folder the generator uses", () => {
    expect(featureSlug("Deploy freeze")).toBe("deploy-freeze");
    expect(featureSlug("  Billing Export v2!  ")).toBe("billing-export-v2");
    expect(featureSlug("Ünïcode & SSO -- login")).toBe("n-code-sso-login");
    expect(featureSlug(`${"a".repeat(59)} bcd`)).toBe("a".repeat(59));
    expect(featureSlug("x".repeat(70))).toBe("x".repeat(60));
  });

  it("lists the four files in reading order with the markdown artifacts of their names", () => {
    const bundle = generatedBundle("Deploy freeze", [
      artifact("tasks.md"),
      artifact("pull-request", "link"),
      artifact("prd.md"),
      artifact("plan.md", "file"),
    ]);
    expect(bundle.feature).toBe("deploy-freeze");
    expect(bundle.files.map((f) => [f.file, f.slug, f.artifact?.id ?? null])).toEqual([
      ["constitution.md", "deploy-freeze/constitution", null],
      ["prd.md", "deploy-freeze/prd", "prd.md"],
      ["plan.md", "deploy-freeze/plan", null],
      ["tasks.md", "deploy-freeze/tasks", "tasks.md"],
    ]);
  });
});

describe("document paths", () => {
  it("escapes each segment and appends the history segments", () => {
    expect(specDocPath("deploy-freeze/prd")).toBe("/api/spec-docs/deploy-freeze/prd");
    expect(specDocPath("deploy-freeze/prd", "versions", 2)).toBe("/api/spec-docs/deploy-freeze/prd/versions/2");
    expect(specDocPath("a b/c?d")).toBe("/api/spec-docs/a%20b/c%3Fd");
  });
});
