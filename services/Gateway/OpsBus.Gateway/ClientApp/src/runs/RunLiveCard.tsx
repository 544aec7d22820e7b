import type { RunSnapshot } from "../api/types";
import { LogViewer } from "../logs/LogViewer";
import { useSession } from "../shell/session";
import { StatusBadge } from "./StatusBadge";
import { useRun, useRunLog } from "./useRun";

/** A run just started from the chat: its live status and log, with a way to its full detail. */
export function RunLiveCard({ initial }: { initial: RunSnapshot }) {
  const { navigate } = useSession();
  const { run } = useRun(initial.id, initial);
  const { lines, loading } = useRunLog(initial.id);
  const current = run ?? initial;
  const done = current.steps.filter((s) => s.status === "succeeded" || s.status === "skipped").length;
  return (
    <section className="run-live" aria-label={`Run ${current.id}`} data-testid="run-live" data-run-id={current.id}>
      <header>
        <StatusBadge status={current.status} />
        <span className="mono">{current.template ?? "plan"}</span>
        {current.environment && <span className="muted">→ {current.environment}</span>}
        <span className="muted">
          lane {current.lane} · step {done}/{current.steps.length}
        </span>
        <button type="button" className="link" onClick={() => navigate(`/runs/${current.id}`)}>
          Open run
        </button>
      </header>
      {current.status === "awaiting_approval" && <p className="notice">Waiting for an approver's decision.</p>}
      <LogViewer lines={lines} loading={loading} title="Live log" fileName={`run-${current.id}.log`} />
    </section>
  );
}
