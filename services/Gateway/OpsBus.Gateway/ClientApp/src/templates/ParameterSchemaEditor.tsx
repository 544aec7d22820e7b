import { parameterTypes, type JsonValue, type ParameterType, type TemplateParameter } from "../api/types";

interface Props {
  parameters: TemplateParameter[];
  onChange: (parameters: TemplateParameter[]) => void;
}

/** The parameter schema of a template as editable rows: key, label, type, required, default, choices, pattern. */
export function ParameterSchemaEditor({ parameters, onChange }: Props) {
  const update = (index: number, change: Partial<TemplateParameter>) =>
    onChange(parameters.map((p, i) => (i === index ? { ...p, ...change } : p)));

  return (
    <fieldset className="schema-editor">
      <legend>Parameters</legend>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Label</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Default</th>
              <th scope="col">Choices (enum)</th>
              <th scope="col">Pattern</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p, i) => (
              <tr key={i}>
                <td>
                  <input aria-label={`Parameter ${i + 1} key`} value={p.key} onChange={(e) => update(i, { key: e.target.value })} size={10} />
                </td>
                <td>
                  <input aria-label={`Parameter ${i + 1} label`} value={p.label} onChange={(e) => update(i, { label: e.target.value })} />
                </td>
                <td>
                  <select
                    aria-label={`Parameter ${i + 1} type`}
                    value={p.type}
                    onChange={(e) => update(i, { type: e.target.value as ParameterType, default: null })}
                  >
                    {parameterTypes.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Parameter ${i + 1} required`}
                    checked={p.required ?? false}
                    onChange={(e) => update(i, { required: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Parameter ${i + 1} default`}
                    value={p.default == null ? "" : String(p.default)}
                    disabled={p.type === "secret"}
                    onChange={(e) => update(i, { default: typedDefault(p.type, e.target.value) })}
                    size={10}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Parameter ${i + 1} choices`}
                    value={(p.allowedValues ?? []).join(", ")}
                    disabled={p.type !== "enum"}
                    onChange={(e) => update(i, { allowedValues: splitList(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Parameter ${i + 1} pattern`}
                    value={p.pattern ?? ""}
                    disabled={p.type !== "string" && p.type !== "secret"}
                    onChange={(e) => update(i, { pattern: e.target.value || null })}
                  />
                </td>
                <td>
                  <button type="button" className="link" aria-label={`Remove parameter ${i + 1}`} onClick={() => onChange(parameters.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={() => onChange([...parameters, { key: "", label: "", type: "string", required: false }])}>
        Add parameter
      </button>
    </fieldset>
  );
}

/** A default typed as its parameter: a number as a number, a boolean as true or false, nothing as null. */
export function typedDefault(type: ParameterType, text: string): JsonValue {
  if (text.trim() === "") return null;
  if (type === "number" && Number.isFinite(Number(text))) return Number(text);
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
