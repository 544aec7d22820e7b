import { useCallback, useEffect, useState } from "react";
import { roles } from "../api/client";
import type { SpecDoc, SpecDocVersion, SpecDocVersionSummary } from "../api/types";
import { useSession } from "../shell/session";
import { Markdown } from "./Markdown";
import { SpecDocEditor } from "./SpecDocEditor";
import { specDocPath } from "./specDocs";

/** One spec document: rendered, its versions (an older one rendered on demand), and an editor for operators and up. */
export function SpecDocPanel({ slug, onSaved }: { slug: string; onSaved: () => void }) {
  const { api, caller } = useSession();
  const [document, setDocument] = useState<SpecDoc | null>(null);
  const [versions, setVersions] = useState<SpecDocVersionSummary[]>([]);
  const [older, setOlder] = useState<SpecDocVersion | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [latest, history] = await Promise.all([
        api.json<SpecDoc>(specDocPath(slug)),
        api.json<{ items: SpecDocVersionSummary[] }>(specDocPath(slug, "versions")),
      ]);
      setDocument(latest);
      setVersions(history.items);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, slug]);

  useEffect(() => void load(), [load]);

  async function showVersion(version: number) {
    try {
      setOlder(await api.json<SpecDocVersion>(specDocPath(slug, "versions", version)));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function saved(next: SpecDoc) {
    setDocument(next);
    setEditing(false);
    setOlder(null);
    onSaved();
    void load();
  }

  if (error && !document)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!document) return <p className="muted">Loading {slug}…</p>;
  if (editing) return <SpecDocEditor document={document} onSaved={saved} onCancel={() => setEditing(false)} />;

  return (
    <article className="spec-doc" aria-label={document.title} data-testid="spec-doc">
      <header className="detail-header">
        <h2>{document.title}</h2>
        <span className="muted mono" data-testid="spec-doc-version">
          {document.slug} v{document.version}
        </span>
        <div className="actions">
          {roles.mayOperate(caller) && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </div>
      </header>
      <p className="muted small">
        Updated {new Date(document.updatedAt).toLocaleString()} by {document.updatedBy}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Markdown source={document.content} label={`${document.title}, rendered`} />
      <h3>Versions</h3>
      <ul className="versions" aria-label="Versions">
        {[...versions].reverse().map((v) => (
          <li key={v.version}>
            <button type="button" className="link" onClick={() => void showVersion(v.version)} aria-pressed={older?.version === v.version}>
              v{v.version}
            </button>{" "}
            <span className="muted small">
              {new Date(v.createdAt).toLocaleString()} by {v.createdBy}
              {v.title !== document.title && ` · “${v.title}”`}
            </span>
          </li>
        ))}
      </ul>
      {older && (
        <figure className="spec-older">
          <figcaption>
            Version {older.version}, saved {new Date(older.createdAt).toLocaleString()} by {older.createdBy}{" "}
            <button type="button" className="link" onClick={() => setOlder(null)}>
              Close
            </button>
          </figcaption>
          <Markdown source={older.content} label={`${older.title}, version ${older.version}`} />
        </figure>
      )}
    </article>
  );
}
