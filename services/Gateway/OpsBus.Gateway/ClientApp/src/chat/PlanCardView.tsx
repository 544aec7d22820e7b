import { useId, useMemo, useState, type ReactNode } from "react";
import type { JsonValue, PlanCard, RunbookTemplate, TemplateParameter } from "../api/types";
import { approvalNotice, draftFrom, validatePlan, type ParamDraft } from "./planValidation";

export interface PlanSubmission {
  template: string;
  params: Record<string, JsonValue>;
  environment: string | null;
  lane: string | null;
}

interface Props {
  card: PlanCard;
  template: RunbookTemplate;
  mayRun: boolean;
  onRun: (submission: PlanSubmission) => Promise<void>;
}

/** A proposed run: its template, editable parameters checked against the schema, environment, risk and approval. */
export function PlanCardView({ card, template, mayRun, onRun }: Props) {
  const [draft, setDraft] = useState<ParamDraft>(() => draftFrom(card, template));
  const [environment, setEnvironment] = useState<string>(card.environment ?? "");
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const check = useMemo(() => validatePlan(template, draft, environment || null), [template, draft, environment]);
  const notice = approvalNotice(card, check.environment);
  const valid = Object.keys(check.errors).length === 0;
  const idBase = useId();

  async function run() {
    setBusy(true);
    try {
      await onRun({ template: template.slug, params: check.params, environment: check.environment, lane: card.lane });
      setSent(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="plan-card" aria-label={`Plan: ${template.title}`} data-testid="plan-card">
      <header>
        <h3>{template.title}</h3>
        <span className="muted mono">{template.slug}</span>
        <span className={`badge risk-${card.risk}`} title="Risk">
          {card.risk} risk
        </span>
        <span className="muted">lane {card.lane}</span>
        <span className="muted">confidence {Math.round(card.confidence * 100)}%</span>
      </header>
      {notice && (
        <p className="notice" role="note" data-testid="approval-notice">
          {notice}
        </p>
      )}
      <div className="form-grid">
        {template.environments.length > 0 && (
          <Field id={`${idBase}-env`} label="Environment" error={check.errors.environment}>
            <select id={`${idBase}-env`} value={environment} onChange={(e) => setEnvironment(e.target.value)} disabled={sent}>
              <option value="">(choose)</option>
              {template.environments.map((env) => (
                <option key={env}>{env}</option>
              ))}
            </select>
          </Field>
        )}
        {template.parameters.map((parameter) => (
          <ParameterField
            key={parameter.key}
            id={`${idBase}-${parameter.key}`}
            parameter={parameter}
            value={draft[parameter.key]}
            error={check.errors[`params.${parameter.key}`]}
            disabled={sent}
            onChange={(value) => setDraft((d) => ({ ...d, [parameter.key]: value }))}
          />
        ))}
      </div>
      <ol className="plan-steps">
        {card.steps.map((step) => (
          <li key={step.id}>
            <span className="phase">{step.phase}</span> {step.title} <span className="muted mono">{step.action}</span>
          </li>
        ))}
      </ol>
      {mayRun ? (
        <button type="button" className="primary" disabled={!valid || busy || sent} onClick={() => void run()}>
          {sent ? "Started" : busy ? "Starting…" : "Run"}
        </button>
      ) : (
        <p className="muted">Your key's role may read plans but not start runs.</p>
      )}
    </section>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface ParameterFieldProps {
  id: string;
  parameter: TemplateParameter;
  value: string | boolean | undefined;
  error?: string;
  disabled: boolean;
  onChange: (value: string | boolean) => void;
}

function ParameterField({ id, parameter, value, error, disabled, onChange }: ParameterFieldProps) {
  const label = `${parameter.label}${parameter.required ? " *" : ""}`;
  const described = error ? `${id}-error` : undefined;
  if (parameter.type === "boolean")
    return (
      <Field id={id} label={label} error={error}>
        <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      </Field>
    );
  if (parameter.type === "enum")
    return (
      <Field id={id} label={label} error={error}>
        <select id={id} value={String(value ?? "")} disabled={disabled} aria-describedby={described} onChange={(e) => onChange(e.target.value)}>
          <option value="">(default)</option>
          {(parameter.allowedValues ?? []).map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </Field>
    );
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type={parameter.type === "secret" ? "password" : "text"}
        inputMode={parameter.type === "number" ? "decimal" : undefined}
        value={String(value ?? "")}
        placeholder={parameter.default != null ? String(parameter.default) : parameter.pattern ?? ""}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
