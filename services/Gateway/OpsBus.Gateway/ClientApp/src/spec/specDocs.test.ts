import { describe, expect, it } from "vitest";
import type { Artifact, SpecDocSummary } from "../api/types";
import { bundleFromArtifacts, groupByFeature, specDocPath } from "./specDocs";

const doc = (slug: string): SpecDocSummary => ({ slug, title: slug, version: 1, updatedAt: "2026-01-01T00:00:00Z", updatedBy: "ana" });

const artifact = (name: string, id = name): Artifact => ({
  id, runId: "r", kind: "markdown", name, contentType: "text/markdown", size: 10, sha256: null, url: null,
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

describe("the bundle a run attached", () => {
  it("finds the four files and the documents they are kept as, ignoring other artifacts", () => {
    const bundle = bundleFromArtifacts([
      artifact("spec/deploy-freeze/tasks.md"),
      artifact("pull-request"),
      artifact("spec/deploy-freeze/prd.md"),
      artifact("spec/deploy-freeze/plan.md"),
      artifact("spec/deploy-freeze/constitution.md"),
    ]);
    expect(bundle?.feature).toBe("deploy-freeze");
    expect(bundle?.files.map((f) => [f.file, f.slug])).toEqual([
      ["constitution.md", "deploy-freeze/constitution"],
      ["prd.md", "deploy-freeze/prd"],
      ["plan.md", "deploy-freeze/plan"],
      ["tasks.md", "deploy-freeze/tasks"],
    ]);
  });

  it("is none while no file under spec/ is attached, and ignores names that are no document slug", () => {
    expect(bundleFromArtifacts([artifact("report.md"), artifact("spec/../etc/passwd.md"), artifact("spec/Upper/prd.md")])).toBeNull();
  });
});

describe("document paths", () => {
  it("escapes each segment and appends the history segments", () => {
    expect(specDocPath("deploy-freeze/prd")).toBe("/api/spec-docs/deploy-freeze/prd");
    expect(specDocPath("deploy-freeze/prd", "versions", 2)).toBe("/api/spec-docs/deploy-freeze/prd/versions/2");
    expect(specDocPath("a b/c?d")).toBe("/api/spec-docs/a%20b/c%3Fd");
  });
});
