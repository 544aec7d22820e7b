import { useState } from "react";
import { newIdempotencyKey, roles } from "../api/client";
import { isTerminal, type Artifact, type RunSnapshot } from "../api/types";
import { LogViewer } from "../logs/LogViewer";
import { elapsedSeconds, formatDuration } from "../runboard/heartbeat";
import { HeartbeatIndicator } from "../runboard/HeartbeatIndicator";
import { useSession } from "../shell/session";
import { useNow } from "../shell/useNow";
import { ApprovalDecision } from "./ApprovalDecision";
import { StatusBadge } from "./StatusBadge";
import { useRun, useRunArtifacts, useRunLog } from "./useRun";

/** One run: status, steps timeline, live log, artifacts, approval decision, retry and cancel. */
export function RunDetail({ runId }: { runId: string }) {
  const { api, caller, navigate, notify } = useSession();
  const { run, error } = useRun(runId);
  const { lines, loading } = useRunLog(runId);
  const artifacts = useRunArtifacts(runId, run);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);


  if (error && !run) return <p className="error" role="alert">{error}</p>;
  if (!run) return <p className="muted">Loading run…</p>;

  async function act(action: "cancel" | "retry") {
    setBusy(true);
    try {
      const answer = await api.json<RunSnapshot>(`/api/runs/${runId}/${action}`, {
        method: "POST",
        body: action === "cancel" ? { reason: "Cancelled from the control room" } : undefined,
        headers: action === "retry" ? { "Idempotency-Key": newIdempotencyKey() } : undefined,
      });
      if (action === "retry") navigate(`/runs/${answer.id}`);
      else notify("Cancel requested.");
    } catch (e) {
      notify((e as Error).message, "bad");
    } finally {
      setBusy(false);
    }
  }

  const mayOperate = roles.mayOperate(caller);
  return (
    <div className="run-detail" data-testid="run-detail">
      <header className="run-header">
        <button type="button" className="link" onClick={() => navigate("/runs")}>
          ← Runs
        </button>
        <h2>
          {run.template ?? "Plan"} <span className="muted mono">{run.id}</span>
        </h2>
        <StatusBadge status={run.status} />
        <HeartbeatIndicator run={run} now={now} />
        <div className="actions">
          {mayOperate && !isTerminal(run.status) && (
            <button type="button" className="danger" disabled={busy || run.status === "cancelling"} onClick={() => void act("cancel")}>
              Cancel run
            </button>
          )}
          {mayOperate && isTerminal(run.status) && (
            <button type="button" disabled={busy} onClick={() => void act("retry")}>
              Retry
            </button>
          )}
        </div>
      </header>
      <dl className="facts">
        <Fact term="Lane" value={run.lane} />
        <Fact term="Session" value={run.sessionId ?? "—"} />
        <Fact term="Environment" value={run.environment ?? "—"} />
        <Fact term="Requested by" value={run.requestedBy ?? "—"} />
        <Fact term="Attempt" value={`${run.attempt} of ${run.maxAttempts}`} />
        <Fact term="Elapsed" value={formatDuration(elapsedSeconds(run, now))} />
        <Fact term="Risk" value={run.risk ?? "—"} />
        <Fact term="Worker" value={run.claimedBy ?? "—"} />
        {run.retryOf && <Fact term="Retry of" value={run.retryOf} />}
      </dl>
      {run.error && <p className="error">{run.error}</p>}
      {run.parameters && Object.keys(run.parameters).length > 0 && (
        <p className="params mono">
          {Object.entries(run.parameters)
            .map(([k, v]) => `${k}=${v}`)
            .join("  ")}
        </p>
      )}
      {run.approval && <ApprovalDecision run={run} />}
      <div className="run-body">
        <section aria-label="Steps" className="timeline">
          <h3>Steps</h3>
          <ol>
            {run.steps.map((step) => (
              <li key={step.id} className={`step step-${step.status}`}>
                <span className="step-dot" aria-hidden="true" />
                <div>
                  <strong>{step.title}</strong> <span className="muted">{step.phase}</span>
                  <div className="muted small">
                    {step.status}
                    {step.startedAt && ` · ${formatDuration(((step.finishedAt ? Date.parse(step.finishedAt) : now) - Date.parse(step.startedAt)) / 1000)}`}
                  </div>
                  {step.error && <div className="error small">{step.error}</div>}
                </div>
              </li>
            ))}
          </ol>
          <h3>Artifacts</h3>
          {artifacts.length === 0 ? (
            <p className="muted small">None yet.</p>
          ) : (
            <ul className="artifacts">
              {artifacts.map((a) => (
                <li key={a.id}>
                  <ArtifactLink artifact={a} /> <span className="muted small">{a.kind}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <LogViewer lines={lines} loading={loading} title="Log" fileName={`run-${run.id}.log`} />
      </div>
    </div>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Links open in a new tab; stored content is fetched with the key and handed over as a file. */
function ArtifactLink({ artifact }: { artifact: Artifact }) {
  const { api, notify } = useSession();
  if (artifact.url)
    return (
      <a href={artifact.url} target="_blank" rel="noreferrer noopener">
        {artifact.name}
      </a>
    );
  async function open() {
    try {
      const blob = await (await api.send(`/api/artifacts/${artifact.id}/content`, { accept: "*/*" })).blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = artifact.name;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      notify((e as Error).message, "bad");
    }
  }
  return (
    <button type="button" className="link" onClick={() => void open()}>
      {artifact.name}
    </button>
  );
}
