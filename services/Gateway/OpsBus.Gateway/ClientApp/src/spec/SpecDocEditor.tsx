import { useState, type FormEvent } from "react";
import type { SpecDoc } from "../api/types";
import { useSession } from "../shell/session";
import { Markdown } from "./Markdown";
import { specDocPath } from "./specDocs";
import { ErrorList, SaveVersionActions } from "../shell/FormParts";
import { useSubmit } from "../shell/useSubmit";

interface Props {
  document: SpecDoc;
  onSaved: (document: SpecDoc) => void;
  onCancel: () => void;
}

/** Markdown beside its preview; saving adds a version, guarded by `If-Match` so a concurrent change is not overwritten. */
export function SpecDocEditor({ document, onSaved, onCancel }: Props) {
  const { api, notify } = useSession();
  const [title, setTitle] = useState(document.title);
  const [content, setContent] = useState(document.content);
  const { errors, busy, submit } = useSubmit();

  async function save(event: FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const saved = await api.json<SpecDoc>(specDocPath(document.slug), {
        method: "PUT",
        body: { title, content },
        headers: { "If-Match": `"${document.version}"` },
      });
      notify(
        saved.version === document.version ? `Nothing changed in ${saved.slug}.` : `Saved ${saved.slug} as version ${saved.version}.`,
        "good",
      );
      onSaved(saved);
    });
  }

  return (
    <form className="spec-editor" onSubmit={save} aria-label={`Edit ${document.slug}`}>
      <header className="detail-header">
        <h2>Edit {document.slug}</h2>
        <span className="muted mono">from v{document.version}</span>
      </header>
      <div className="field">
        <label htmlFor="spec-title">Title</label>
        <input id="spec-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={256} />
      </div>
      <div className="spec-editor-panes">
        <div className="field">
          <label htmlFor="spec-content">Markdown</label>
          <textarea id="spec-content" className="mono" rows={24} value={content} onChange={(e) => setContent(e.target.value)} spellCheck />
        </div>
        <div className="field">
          <span className="label" aria-hidden="true">
            Preview
          </span>
          <div className="spec-preview">
            <Markdown source={content} label="Preview" />
          </div>
        </div>
      </div>
      <ErrorList errors={errors} />
      <SaveVersionActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
