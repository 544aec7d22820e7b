import { useCallback, useEffect, useState, type FormEvent } from "react";
import { runStatuses, type RunPage, type RunSnapshot } from "../api/types";
import { elapsedSeconds, formatDuration } from "../runboard/heartbeat";
import { useSession } from "../shell/session";
import { useNow } from "../shell/useNow";
import { matches, noFilters, runsQuery, type RunFilters } from "./runFilters";
import { StatusBadge } from "./StatusBadge";

/** The history of runs the key may see: filtered, searched, paged by cursor, with statuses kept live by the hub. */
export function RunsTab() {
  const { api, hub, navigate } = useSession();
  const [draft, setDraft] = useState<RunFilters>(noFilters);
  const [filters, setFilters] = useState<RunFilters>(noFilters);
  const [runs, setRuns] = useState<RunSnapshot[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await api.json<RunPage>(runsQuery(filters, from));
        const items = page.items.filter((r) => matches(r, filters));
        setRuns((current) => (from ? [...current, ...items.filter((r) => !current.some((c) => c.id === r.id))] : items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [api, filters],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  useEffect(
    () =>
      hub.onRunUpdated((run) =>
        setRuns((current) => {
          const at = current.findIndex((r) => r.id === run.id);
          if (at >= 0) return current.map((r) => (r.id === run.id ? run : r));
          return matches(run, filters) ? [run, ...current] : current;
        }),
      ),
    [hub, filters],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  const set = (field: keyof RunFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  return (
    <div className="runs">
      <form className="filters" onSubmit={apply} aria-label="Filter runs">
        <input type="search" aria-label="Search" placeholder="Search id, template, environment, error" value={draft.text} onChange={set("text")} />
        <select aria-label="Status" value={draft.status} onChange={set("status")}>
          <option value="">any status</option>
          {runStatuses.filter((s) => s !== "rejected").map((s) => (
            <option key={s} value={s}>
              {s.replace("_", " ")}
            </option>
          ))}
        </select>
        <input aria-label="Lane" placeholder="lane" value={draft.lane} onChange={set("lane")} size={6} />
        <input aria-label="Template" placeholder="template" value={draft.template} onChange={set("template")} size={12} />
        <input aria-label="Session" placeholder="session" value={draft.sessionId} onChange={set("sessionId")} size={12} />
        <input aria-label="Environment" placeholder="environment" value={draft.environment} onChange={set("environment")} size={10} />
        <button type="submit" className="primary">
          Apply
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(noFilters);
            setFilters(noFilters);
          }}
        >
          Clear
        </button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="table-wrap">
        <table className="runs-table">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Template</th>
              <th scope="col">Environment</th>
              <th scope="col">Lane</th>
              <th scope="col">Session</th>
              <th scope="col">Requested by</th>
              <th scope="col">Created</th>
              <th scope="col">Elapsed</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  <a href={`#/runs/${run.id}`} onClick={(e) => (e.preventDefault(), navigate(`/runs/${run.id}`))}>
                    {run.template ?? "plan"} <span className="muted mono">{run.id.slice(0, 8)}</span>
                  </a>
                </td>
                <td>{run.environment ?? "—"}</td>
                <td>{run.lane}</td>
                <td>{run.sessionId ?? "—"}</td>
                <td>{run.requestedBy}</td>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>{formatDuration(elapsedSeconds(run, now))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {runs.length === 0 && !loading && <p className="muted">No runs match.</p>}
      </div>
      {cursor && (
        <button type="button" disabled={loading} onClick={() => void load(cursor)}>
          {loading ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
