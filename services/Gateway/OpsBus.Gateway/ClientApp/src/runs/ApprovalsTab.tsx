import { useCallback, useEffect, useState } from "react";
import type { RunPage, RunSnapshot } from "../api/types";
import { useSession } from "../shell/session";
import { ApprovalDecision } from "./ApprovalDecision";

/** How often the list is read again: the hub pushes approvers only their own runs, not the ones they are asked to decide on. */
const refreshMs = 10_000;

/** The runs waiting for an approver, kept current by the hub and a periodic read; each with its plan and the decision buttons. */
export function ApprovalsTab() {
  const { api, hub, caller, navigate } = useSession();
  const [pending, setPending] = useState<RunSnapshot[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .json<RunPage>("/api/approvals")
      .then((page) => setPending(page.items))
      .catch((e: Error) => setError(e.message));
  }, [api]);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, refreshMs);
    return () => window.clearInterval(timer);
  }, [load]);
  useEffect(
    () =>
      hub.onRunUpdated((run) =>
        setPending((current) => {
          const others = current.filter((r) => r.id !== run.id);
          return run.status === "awaiting_approval" ? [...others, run] : others;
        }),
      ),
    [hub],
  );

  const seesEverything = caller.roles.includes("admin") || caller.roles.includes("auditor");
  return (
    <div className="approvals">
      <h2>Waiting for approval</h2>
      {error && <p className="error">{error}</p>}
      {pending.length === 0 && <p className="muted">Nothing is waiting for a decision.</p>}
      <ul className="cards">
        {pending.map((run) => (
          <li key={run.id} className="card" data-run-id={run.id}>
            <header>
              {seesEverything || run.requestedBy === caller.name ? (
                <a href={`#/runs/${run.id}`} onClick={(e) => (e.preventDefault(), navigate(`/runs/${run.id}`))}>
                  {title(run)}
                </a>
              ) : (
                <strong>{title(run)}</strong>
              )}
              <span className={`badge risk-${run.risk}`}>{run.risk} risk</span>
              <span className="muted">requested by {run.requestedBy}</span>
            </header>
            {run.parameters && (
              <p className="params mono">
                {Object.entries(run.parameters)
                  .map(([k, v]) => `${k}=${v}`)
                  .join("  ")}
              </p>
            )}
            <ol className="plan-steps">
              {run.steps.map((s) => (
                <li key={s.id}>
                  <span className="phase">{s.phase}</span> {s.title}
                </li>
              ))}
            </ol>
            <ApprovalDecision run={run} compact onDecided={() => setPending((current) => current.filter((r) => r.id !== run.id))} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const title = (run: RunSnapshot) => `${run.template ?? "plan"} → ${run.environment ?? "no environment"}`;
