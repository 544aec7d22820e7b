import { useEffect, useMemo, useState } from "react";
import { isTerminal, type SpecDocSummary } from "../api/types";
import { useRun, useRunArtifacts } from "../runs/useRun";
import { generatedBundle, keptBundle, specRoute, type KeptBundle } from "./specDocs";

/** How often to look for the documents the orchestrator keeps from a finished run. */
const storedPollMs = 1000;

/**
 * The four files a generate run wrote, once it succeeded, with the sizes of the artifacts it attached. The orchestrator
 * keeps them as spec documents from an event, just after the run ends: each file links to its document as soon as the
 * list shows it.
 */
export function GeneratedFiles({ runId, onStored }: { runId: string; onStored: () => Promise<SpecDocSummary[]> }) {
  const { run } = useRun(runId);
  const artifacts = useRunArtifacts(runId, run);
  const [kept, setKept] = useState<KeptBundle>({ documents: new Map(), settled: false, gaveUp: false });
  const finished = run !== null && isTerminal(run.status);
  const succeeded = run?.status === "succeeded";
  const feature = run?.parameters?.feature ?? "";
  const bundle = useMemo(() => generatedBundle(feature, artifacts), [feature, artifacts]);


  const expected = bundle.feature === "" ? "" : bundle.files.map((f) => f.slug).join(" ");
  useEffect(() => {
    if (!succeeded || expected === "") return;
    let live = true;
    let timer = 0;
    const slugs = expected.split(" ");
    const look = async (attempt: number) => {
      const documents = await onStored();
      if (!live) return;
      const next = keptBundle(documents, slugs, runId, attempt);
      setKept(next);
      if (!next.settled && !next.gaveUp) timer = window.setTimeout(() => void look(attempt + 1), storedPollMs);
    };
    void look(1);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [succeeded, expected, onStored, runId]);

  if (!run || !finished) return null;
  if (!succeeded) return <p className="muted">The run ended {run.status}: no bundle was written.</p>;

  return (
    <section className="card generated-files" aria-label="Generated files" data-testid="generated-files">
      <header>
        <h3>Generated for {bundle.feature}</h3>
        <span className="muted small">
          {bundle.files.length} files, kept as spec documents under {bundle.feature}/
        </span>
      </header>
      <ul>
        {bundle.files.map((f) => {
          const doc = kept.documents.get(f.slug);
          return (
            <li key={f.slug}>
              {doc === undefined ? (
                <span className="mono">{f.file}</span>
              ) : (
                <a className="mono" href={`#${specRoute}/${f.slug}`}>
                  {f.file}
                </a>
              )}{" "}
              <span className="muted small">
                {f.artifact ? `${f.artifact.size.toLocaleString()} bytes · ` : ""}
                {doc === undefined
                  ? kept.gaveUp
                    ? "not kept as a document"
                    : "storing…"
                  : `${f.slug} v${doc.version}${doc.byThisRun ? "" : ", unchanged"}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
