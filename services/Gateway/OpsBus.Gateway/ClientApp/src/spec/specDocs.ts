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

export interface GeneratedFile {
  /** `prd.md` */
  file: string;
  /** The spec document it is kept as: `deploy-freeze/prd`. */
  slug: string;
  artifact: Artifact;
}

export interface GeneratedBundle {
  feature: string;
  files: GeneratedFile[];
}

const generatedName = /^spec\/([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** The bundle a `spec.generate` step attached (`spec/<feature>/<file>.md`), or null while none is attached. */
export function bundleFromArtifacts(artifacts: readonly Artifact[]): GeneratedBundle | null {
  const files = artifacts
    .map((artifact) => ({ artifact, match: generatedName.exec(artifact.name) }))
    .filter((a): a is { artifact: Artifact; match: RegExpExecArray } => a.match !== null)
    .map(({ artifact, match }) => ({ feature: match[1]!, file: `${match[2]}.md`, slug: `${match[1]}/${match[2]}`, artifact }));
  if (files.length === 0) return null;
  const feature = files[0]!.feature;
  return {
    feature,
    files: files
      .filter((f) => f.feature === feature)
      .sort((a, b) => fileRank(a.slug) - fileRank(b.slug))
      .map(({ file, slug, artifact }) => ({ file, slug, artifact })),
  };
}

/** The API path of a document (or of its history), each segment of the slug escaped. */
export const specDocPath = (slug: string, ...rest: (string | number)[]): string =>
  `/api/spec-docs/${[...slug.split("/"), ...rest.map(String)].map(encodeURIComponent).join("/")}`;
