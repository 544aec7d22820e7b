import { describe, expect, it } from "vitest";
import type { Artifact, SpecDocSummary } from "../api/types";
import { featureSlug, generatedBundle, groupByFeature, keptBundle, keptLookLimit, specDocPath, unchangedAfterLooks } from "./specDocs";

const doc = (slug: string, updatedBy = "ana", version = 1): SpecDocSummary => ({ slug, title: slug, version, updatedAt: "2026-01-01T00:00:00Z", updatedBy });

const artifact = (name: string, kind = "markdown"): Artifact => ({
  id: name, runId: "r", kind, name, contentType: "text/markdown", size: 10, sha256: null, url: null,
  createdAt: "2026-01-01T00:00:00Z", createdBy: "run",
});

describe("documents by feature", () => {
  it("groups by folder alphabetically with loose documents last, a bundle's files in reading order", () => {
    const groups = groupByFeature(["glossary", "zeta/prd", "deploy-freeze/tasks", "deploy-freeze/notes", "deploy-freeze/prd", "deploy-freeze/constitution", "deploy-freeze/plan"].map((slug) => doc(slug)));
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

describe("the documents kept from a run", () => {
  const slugs = ["f/prd", "f/plan"];

  it("settles at once when the run wrote a version of every document", () => {
    const kept = keptBundle([doc("f/prd", "run:r1", 2), doc("f/plan", "run:r1"), doc("g/prd", "run:r1")], slugs, "r1", 1);
    expect([...kept.documents]).toEqual([["f/prd", { version: 2, byThisRun: true }], ["f/plan", { version: 1, byThisRun: true }]]);
    expect([kept.settled, kept.gaveUp]).toEqual([true, false]);
  });

  it("waits for a version by the run, then takes the documents as unchanged", () => {
    const earlier = [doc("f/prd", "run:r0"), doc("f/plan", "run:r1")];
    expect(keptBundle(earlier, slugs, "r1", unchangedAfterLooks - 1).settled).toBe(false);
    const settled = keptBundle(earlier, slugs, "r1", unchangedAfterLooks);
    expect([settled.settled, settled.documents.get("f/prd")]).toEqual([true, { version: 1, byThisRun: false }]);
  });

  it("gives up on missing documents after the last look only", () => {
    expect(keptBundle([doc("f/prd", "run:r1")], slugs, "r1", keptLookLimit - 1).gaveUp).toBe(false);
    expect(keptBundle([doc("f/prd", "run:r1")], slugs, "r1", keptLookLimit)).toMatchObject({ settled: false, gaveUp: true });
  });
});

describe("document paths", () => {
  it("escapes each segment and appends the history segments", () => {
    expect(specDocPath("deploy-freeze/prd")).toBe("/api/spec-docs/deploy-freeze/prd");
    expect(specDocPath("deploy-freeze/prd", "versions", 2)).toBe("/api/spec-docs/deploy-freeze/prd/versions/2");
    expect(specDocPath("a b/c?d")).toBe("/api/spec-docs/a%20b/c%3Fd");
  });
});
