import { useCallback, useEffect, useState } from "react";
import { roles } from "../api/client";
import type { RunbookTemplate, TemplateSummary, TemplateVersionSummary } from "../api/types";
import { useSession } from "../shell/session";
import { TemplateEditor } from "./TemplateEditor";
import { YamlImport } from "./YamlImport";

type Mode = { kind: "view" } | { kind: "edit" } | { kind: "yaml"; yaml: string } | { kind: "create" };

const yamlType = "application/yaml";

/** The runbook catalogue: browse, export YAML, read old versions; admins create, edit and import. */
export function TemplatesTab() {
  const { api, caller } = useSession();
  const [list, setList] = useState<TemplateSummary[]>([]);
  const [selected, setSelected] = useState<RunbookTemplate | null>(null);
  const [versions, setVersions] = useState<TemplateVersionSummary[]>([]);
  const [oldVersion, setOldVersion] = useState<{ version: number; yaml: string } | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: "view" });
  const [error, setError] = useState<string | null>(null);
  const admin = roles.isAdmin(caller);

  const reload = useCallback(() => {
    api
      .json<{ items: TemplateSummary[] }>("/api/templates")
      .then((l) => setList(l.items))
      .catch((e: Error) => setError(e.message));
  }, [api]);

  useEffect(reload, [reload]);

  const open = useCallback(
    async (slug: string) => {
      setMode({ kind: "view" });
      setOldVersion(null);
      try {
        const [template, history] = await Promise.all([
          api.json<RunbookTemplate>(`/api/templates/${encodeURIComponent(slug)}`),
          api.json<{ items: TemplateVersionSummary[] }>(`/api/templates/${encodeURIComponent(slug)}/versions`),
        ]);
        setSelected(template);
        setVersions(history.items);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api],
  );

  async function exportYaml(template: RunbookTemplate) {
    const yaml = await api.text(`/api/templates/${encodeURIComponent(template.slug)}`, yamlType);
    const url = URL.createObjectURL(new Blob([yaml], { type: yamlType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${template.slug}.yaml`;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function editYaml(template: RunbookTemplate) {
    setMode({ kind: "yaml", yaml: await api.text(`/api/templates/${encodeURIComponent(template.slug)}`, yamlType) });
  }

  async function showVersion(slug: string, version: number) {
    setOldVersion({ version, yaml: await api.text(`/api/templates/${encodeURIComponent(slug)}/versions/${version}`, yamlType) });
  }

  function saved(template: RunbookTemplate) {
    reload();
    void open(template.slug);
  }

  return (
    <div className="templates">
      <aside className="template-list" aria-label="Templates">
        {admin && (
          <button type="button" className="primary" onClick={() => (setSelected(null), setMode({ kind: "create" }))}>
            New template (YAML)
          </button>
        )}
        {error && <p className="error">{error}</p>}
        <ul>
          {list.map((t) => (
            <li key={t.slug}>
              <button type="button" className={selected?.slug === t.slug ? "list-item active" : "list-item"} onClick={() => void open(t.slug)}>
                <strong>{t.title}</strong>
                <span className="muted mono small">
                  {t.slug} · v{t.version} · {t.risk}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="template-detail">
        {mode.kind === "create" && (
          <YamlImport existing={null} initialYaml={starterYaml} onSaved={saved} onCancel={() => setMode({ kind: "view" })} />
        )}
        {!selected && mode.kind !== "create" && <p className="muted">Pick a template.</p>}
        {selected && mode.kind === "edit" && <TemplateEditor template={selected} onSaved={saved} onCancel={() => setMode({ kind: "view" })} />}
        {selected && mode.kind === "yaml" && (
          <YamlImport existing={selected} initialYaml={mode.yaml} onSaved={saved} onCancel={() => setMode({ kind: "view" })} />
        )}
        {selected && mode.kind === "view" && (
          <article aria-label={selected.title}>
            <header className="detail-header">
              <h2>{selected.title}</h2>
              <span className="muted mono">
                {selected.slug} v{selected.version}
              </span>
              <div className="actions">
                <button type="button" onClick={() => void exportYaml(selected)}>
                  Export YAML
                </button>
                {admin && (
                  <>
                    <button type="button" onClick={() => setMode({ kind: "edit" })}>
                      Edit
                    </button>
                    <button type="button" onClick={() => void editYaml(selected)}>
                      Edit YAML
                    </button>
                  </>
                )}
              </div>
            </header>
            <p>{selected.description}</p>
            <p className="muted">
              Lane {selected.defaultLane} · {selected.risk} risk · environments: {selected.environments.join(", ") || "any"}
            </p>
            <h3>Parameters</h3>
            <table className="compact-table">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Label</th>
                  <th scope="col">Type</th>
                  <th scope="col">Default</th>
                  <th scope="col">Rule</th>
                </tr>
              </thead>
              <tbody>
                {selected.parameters.map((p) => (
                  <tr key={p.key}>
                    <td className="mono">{p.key}</td>
                    <td>
                      {p.label}
                      {p.required ? " *" : ""}
                    </td>
                    <td>{p.type}</td>
                    <td className="mono">{p.default == null ? "—" : String(p.default)}</td>
                    <td className="mono">{p.allowedValues?.join(" | ") ?? p.pattern ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Steps</h3>
            <ol className="plan-steps">
              {selected.steps.map((s) => (
                <li key={s.id}>
                  <span className="phase">{s.phase}</span> {s.title} <span className="muted mono">{s.action}</span>
                </li>
              ))}
            </ol>
            <h3>Versions</h3>
            <ul className="versions">
              {[...versions].reverse().map((v) => (
                <li key={v.version}>
                  <button type="button" className="link" onClick={() => void showVersion(selected.slug, v.version)}>
                    v{v.version}
                  </button>{" "}
                  <span className="muted small">
                    {new Date(v.createdAt).toLocaleString()} by {v.createdBy}
                  </span>
                </li>
              ))}
            </ul>
            {oldVersion && (
              <figure>
                <figcaption>Version {oldVersion.version}</figcaption>
                <pre className="yaml">{oldVersion.yaml}</pre>
              </figure>
            )}
          </article>
        )}
      </section>
    </div>
  );
}

const starterYaml = `slug: my-runbook
title: My runbook
description: What it does and when to use it.
defaultLane: A
risk: read
parameters:
  - key: name
    label: Who to greet
    type: string
    default: world
steps:
  - id: greet
    title: Say hello
    phase: action
    action: echo
    inputs:
      message: Hello, \${{ params.name }}!
`;
