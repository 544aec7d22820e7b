import { useCallback, useEffect, useMemo, useState } from "react";
import type { RunSnapshot, SpecDocSummary } from "../api/types";
import { useSession } from "../shell/session";
import { GenerateBundle } from "./GenerateBundle";
import { SpecDocPanel } from "./SpecDocPanel";
import { groupByFeature, specRoute } from "./specDocs";

/**
 * Spec Kit documents: the list by feature, one document rendered (with its history and an editor), and a form that
 * generates a feature's bundle with the `spec-kit-generate` runbook. The open document is in the route
 * (`#/spec/deploy-freeze/prd`), so it can be linked and survives a reload.
 */
export function SpecKitTab({ route }: { route: string }) {
  const { api, navigate } = useSession();
  const [documents, setDocuments] = useState<SpecDocSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState<RunSnapshot | null>(null);
  const selected = route.startsWith(`${specRoute}/`) ? route.slice(specRoute.length + 1) : null;
  const groups = useMemo(() => groupByFeature(documents), [documents]);

  const reload = useCallback(
    () =>
      api
        .json<{ items: SpecDocSummary[] }>("/api/spec-docs")
        .then((list) => {
          setDocuments(list.items);
          setError(null);
          return list.items;
        })
        .catch((e: Error) => {
          setError(e.message);
          return [];
        }),
    [api],
  );

  useEffect(() => void reload(), [reload]);

  return (
    <div className="spec-kit">
      <aside className="spec-list" aria-label="Spec documents">
        <button type="button" className={selected === null ? "primary" : undefined} onClick={() => navigate(specRoute)}>
          Generate bundle
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {groups.length === 0 && !error && <p className="muted small">No spec documents yet: generate a bundle for a feature.</p>}
        {groups.map((group) => (
          <section key={group.feature ?? ""} className="spec-group" aria-label={group.feature ?? "Other documents"}>
            <h3 className="mono small">{group.feature ?? "other"}</h3>
            <ul>
              {group.documents.map((d) => (
                <li key={d.slug}>
                  <a
                    href={`#${specRoute}/${d.slug}`}
                    className={selected === d.slug ? "list-item active" : "list-item"}
                    aria-current={selected === d.slug ? "page" : undefined}
                  >
                    <strong>{d.title}</strong>
                    <span className="muted mono small">
                      {d.slug} · v{d.version}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
      <section className="spec-detail">
        {selected ? (
          <SpecDocPanel key={selected} slug={selected} onSaved={() => void reload()} />
        ) : (
          <GenerateBundle run={generation} onStarted={setGeneration} onStored={reload} />
        )}
      </section>
    </div>
  );
}
