import { useState, type FormEvent } from "react";
import type { RunbookTemplate } from "../api/types";
import { useSession } from "../shell/session";
import { ParameterSchemaEditor, splitList } from "./ParameterSchemaEditor";
import { ErrorList, SaveVersionActions } from "../shell/FormParts";
import { useSubmit } from "../shell/useSubmit";

interface Props {
  template: RunbookTemplate;
  onSaved: (template: RunbookTemplate) => void;
  onCancel: () => void;
}

/** Edits a template's description, lane, risk, environments and parameter schema; saving adds a version (If-Match guards races). */
export function TemplateEditor({ template, onSaved, onCancel }: Props) {
  const { api, notify } = useSession();
  const [draft, setDraft] = useState<RunbookTemplate>(template);
  const [environments, setEnvironments] = useState(template.environments.join(", "));
  const { errors, busy, submit } = useSubmit();

  async function save(event: FormEvent) {
    event.preventDefault();
    const { version, ...body } = { ...draft, environments: splitList(environments) };
    await submit(async () => {
      const saved = await api.json<RunbookTemplate>(`/api/templates/${encodeURIComponent(template.slug)}`, {
        method: "PUT",
        body,
        headers: { "If-Match": `"${version}"` },
      });
      notify(`Saved ${saved.slug} as version ${saved.version}.`, "good");
      onSaved(saved);
    });
  }

  const set = (field: "title" | "description" | "defaultLane" | "risk") => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));

  return (
    <form className="template-editor" onSubmit={save} aria-label={`Edit ${template.slug}`}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="tpl-title">Title</label>
          <input id="tpl-title" value={draft.title} onChange={set("title")} />
        </div>
        <div className="field">
          <label htmlFor="tpl-lane">Default lane</label>
          <input id="tpl-lane" value={draft.defaultLane} onChange={set("defaultLane")} size={4} />
        </div>
        <div className="field">
          <label htmlFor="tpl-risk">Risk</label>
          <select id="tpl-risk" value={draft.risk} onChange={set("risk")}>
            <option>read</option>
            <option>write</option>
            <option>destructive</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="tpl-envs">Environments (comma-separated)</label>
          <input id="tpl-envs" value={environments} onChange={(e) => setEnvironments(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="tpl-description">Description</label>
        <textarea id="tpl-description" rows={3} value={draft.description} onChange={set("description")} />
      </div>
      <ParameterSchemaEditor parameters={draft.parameters} onChange={(parameters) => setDraft((d) => ({ ...d, parameters }))} />
      <p className="muted small">Steps are edited in YAML: export, change and import the template.</p>
      <ErrorList errors={errors} />
      <SaveVersionActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
