import type { Artifact, SpecDocSummary } from "../api/types";

/** The Spec Kit tab's route; `#/spec/<slug>` opens a document. */
export const specRoute = "/spec";

/** The template that writes a feature's Spec Kit bundle. */
export const specKitTemplate = "spec-kit-generate";

/** The four files of a bundle, in reading order. */
export const bundleFiles = ["constitution", "prd", "plan", "tasks"] as const;

export interface FeatureGroup {
  /** The folder (`deploy-freeze`), or null for documents outside any feature. */
  feature: string | null;
  documents: SpecDocSummary[];
}

/** Documents by feature folder, features alphabetically, loose documents last; a bundle's files in reading order. */
export function groupByFeature(documents: readonly SpecDocSummary[]): FeatureGroup[] {
  const groups = new Map<string | null, SpecDocSummary[]>();
  for (const document of documents) {
    const slash = document.slug.indexOf("/");
    const feature = slash < 0 ? null : document.slug.slice(0, slash);
    groups.set(feature, [...(groups.get(feature) ?? []), document]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([feature, list]) => ({ feature, documents: [...list].sort((x, y) => fileRank(x.slug) - fileRank(y.slug) || x.slug.localeCompare(y.slug)) }));
}

function fileRank(slug: string): number {
  const rank = (bundleFiles as readonly string[]).indexOf(slug.slice(slug.indexOf("/") + 1));
  return rank < 0 ? bundleFiles.length : rank;
}

/** The maximum length of a feature folder, as the generator cuts it. */
const maxFeatureSlug = 60;

/**
 * The folder the generator files a feature's bundle under (`SpecKitGenerator.Slug`): lower case, ASCII letters and
 * digits, every other run of characters one dash, at most 60 characters.
 */
export function featureSlug(feature: string): string {
  let slug = "";
  for (const c of feature.trim().toLowerCase()) {
    if (/^[a-z0-9]$/.test(c)) slug += c;
    else if (slug.length > 0 && !slug.endsWith("-")) slug += "-";
  }
  const text = slug.replace(/^-+|-+$/g, "");
  return text.length <= maxFeatureSlug ? text : text.slice(0, maxFeatureSlug).replace(/-+$/, "");
}

export interface GeneratedFile {
  /** `prd.md` */
  file: string;
  /** The spec document it is kept as: `deploy-freeze/prd`. */
  slug: string;
  /** The run's artifact of the same name, once attached. */
  artifact: Artifact | null;
}

export interface GeneratedBundle {
  feature: string;
  files: GeneratedFile[];
}

/** The four files a generate run for `feature` writes, each with the markdown artifact the run attached under its name. */
export function generatedBundle(feature: string, artifacts: readonly Artifact[]): GeneratedBundle {
  const folder = featureSlug(feature);
  return {
    feature: folder,
    files: bundleFiles.map((name) => ({
      file: `${name}.md`,
      slug: `${folder}/${name}`,
      artifact: artifacts.find((a) => a.kind === "markdown" && a.name === `${name}.md`) ?? null,
    })),
  };
}

/** How many times to look for a finished run's documents before saying they were not kept. */
export const keptLookLimit = 60;

/**
 * Looks after which a document this run wrote no version of counts as unchanged: regenerating the same bundle adds no
 * version, so its author stays whoever saved it before.
 */
export const unchangedAfterLooks = 5;

export interface KeptBundle {
  /** Per document found: its latest version, and whether this run wrote it. */
  documents: Map<string, { version: number; byThisRun: boolean }>;
  /** Every document is there, each written by this run or long enough unchanged: no need to look again. */
  settled: boolean;
  /** Looked long enough and some are still missing. */
  gaveUp: boolean;
}

/** What the `attempt`-th look at the document list says about a run's bundle (`slugs`); a run writes as `run:<id>`. */
export function keptBundle(documents: readonly SpecDocSummary[], slugs: readonly string[], runId: string, attempt: number): KeptBundle {
  const found = new Map(
    documents.filter((d) => slugs.includes(d.slug)).map((d) => [d.slug, { version: d.version, byThisRun: d.updatedBy === `run:${runId}` }]),
  );
  const complete = found.size === slugs.length;
  const settled = complete && ([...found.values()].every((d) => d.byThisRun) || attempt >= unchangedAfterLooks);
  return { documents: found, settled, gaveUp: !settled && attempt >= keptLookLimit };
}

/** The API path of a document (or of its history), each segment of the slug escaped. */
export const specDocPath = (slug: string, ...rest: (string | number)[]): string =>
  `/api/spec-docs/${[...slug.split("/"), ...rest.map(String)].map(encodeURIComponent).join("/")}`;
