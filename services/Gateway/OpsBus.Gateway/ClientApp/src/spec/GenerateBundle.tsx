import { useEffect, useState, type FormEvent } from "react";
import { newIdempotencyKey, roles } from "../api/client";
import type { RunbookTemplate, RunSnapshot, SpecDocSummary } from "../api/types";
import { checkValue, toJsonValue } from "../chat/planValidation";
import { RunLiveCard } from "../runs/RunLiveCard";
import { useSession } from "../shell/session";
import { GeneratedFiles } from "./GeneratedFiles";
import { specKitTemplate } from "./specDocs";
import { ErrorList } from "../shell/FormParts";
import { useSubmit } from "../shell/useSubmit";

/** The template's parameters that hold paragraphs or lists rather than one line. */
const multiLine = new Set(["summary", "goals", "constraints"]);

interface Props {
  run: RunSnapshot | null;
  onStarted: (run: RunSnapshot) => void;
  onStored: () => Promise<SpecDocSummary[]>;
}

/** Starts a `spec-kit-generate` run from its parameter schema, follows it live and lists the four files it wrote. */
export function GenerateBundle({ run, onStarted, onStored }: Props) {
  const { api, caller } = useSession();
  const [template, setTemplate] = useState<RunbookTemplate | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { errors, busy, submit } = useSubmit((message) => `The run was refused: ${message}`);

  useEffect(() => {
    let live = true;
    api
      .json<RunbookTemplate>(`/api/templates/${specKitTemplate}`)
      .then((t) => live && setTemplate(t))
      .catch((e: Error) => live && setLoadError(e.message));
    return () => {
      live = false;
    };
  }, [api]);

  if (!template)
    return loadError !== null ? (
      <p className="error" role="alert">
        {loadError}
      </p>
    ) : (
      <p className="muted">Loading the {specKitTemplate} runbook…</p>
    );

  const params = Object.fromEntries(template.parameters.map((p) => [p.key, toJsonValue(p, values[p.key])]));
  const problems = Object.fromEntries(template.parameters.map((p) => [p.key, checkValue(p, params[p.key] ?? null)]));
  const valid = Object.values(problems).every((p) => p === null);
  const mayRun = roles.mayOperate(caller);

  async function start(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!valid || busy) return;
    await submit(async () => {
      const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
      onStarted(
        await api.json<RunSnapshot>("/api/runs", {
          method: "POST",
          body: { template: specKitTemplate, params: given },
          headers: { "Idempotency-Key": newIdempotencyKey() },
        }),
      );
    });
  }

  return (
    <div className="generate-bundle">
      <form className="card" onSubmit={start} aria-label="Generate a Spec Kit bundle" noValidate>
        <header>
          <h2>Generate a Spec Kit bundle</h2>
          <span className="muted small">{template.description}</span>
        </header>
        {template.parameters.map((p) => {
          const id = `spec-param-${p.key}`;
          const problem = touched ? problems[p.key] : null;
          const common = {
            id,
            value: values[p.key] ?? "",
            required: p.required ?? false,
            "aria-invalid": problem ? true : undefined,
            "aria-describedby": problem ? `${id}-error` : undefined,
            onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [p.key]: e.target.value })),
          };
          return (
            <div key={p.key} className={problem ? "field invalid" : "field"}>
              <label htmlFor={id}>
                {p.label}
                {p.required ? " *" : ""}
              </label>
              {multiLine.has(p.key) ? <textarea rows={3} {...common} /> : <input {...common} autoComplete="off" />}
              {problem && (
                <span className="field-error" id={`${id}-error`}>
                  {problem}
                </span>
              )}
            </div>
          );
        })}
        <ErrorList errors={errors} />
        {mayRun ? (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || (touched && !valid)}>
              {busy ? "Starting…" : "Generate"}
            </button>
          </div>
        ) : (
          <p className="muted">This key may read spec documents but not start runs.</p>
        )}
      </form>
      {run && (
        <>
          <RunLiveCard key={run.id} initial={run} />
          <GeneratedFiles key={`files-${run.id}`} runId={run.id} onStored={onStored} />
        </>
      )}
    </div>
  );
}
