import { useState, type ChangeEvent } from "react";
import { ApiError } from "../api/client";
import type { RunbookTemplate } from "../api/types";
import { useSession } from "../shell/session";

interface Props {
  /** The template being replaced (PUT with If-Match), or null to create one (POST). */
  existing: RunbookTemplate | null;
  initialYaml: string;
  onSaved: (template: RunbookTemplate) => void;
  onCancel: () => void;
}

/** A template as YAML, pasted or loaded from a file, sent as application/yaml; the API reports the line of a parse error. */
export function YamlImport({ existing, initialYaml, onSaved, onCancel }: Props) {
  const { api, notify } = useSession();
  const [yaml, setYaml] = useState(initialYaml);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setYaml(await file.text());
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const path = existing ? `/api/templates/${encodeURIComponent(existing.slug)}` : "/api/templates";
      const saved = await api.json<RunbookTemplate>(path, {
        method: existing ? "PUT" : "POST",
        text: { content: yaml, type: "application/yaml" },
        headers: existing ? { "If-Match": `"${existing.version}"` } : undefined,
      });
      notify(`Saved ${saved.slug} as version ${saved.version}.`, "good");
      onSaved(saved);
    } catch (e) {
      setError(e instanceof ApiError && Object.keys(e.errors).length > 0 ? Object.values(e.errors).flat().join(" ") : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="yaml-import">
      <div className="field">
        <label htmlFor="yaml-file">Load a YAML file</label>
        <input id="yaml-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={(e) => void load(e)} />
      </div>
      <div className="field">
        <label htmlFor="yaml-text">Template YAML</label>
        <textarea id="yaml-text" className="mono" rows={20} spellCheck={false} value={yaml} onChange={(e) => setYaml(e.target.value)} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || yaml.trim() === ""} onClick={() => void save()}>
          {existing ? "Import as new version" : "Create template"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
