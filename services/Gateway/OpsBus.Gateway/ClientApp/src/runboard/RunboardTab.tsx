import { useEffect, useMemo, useState } from "react";
import { roles } from "../api/client";
import type { RunPage, RunSnapshot, Session } from "../api/types";
import { StatusBadge } from "../runs/StatusBadge";
import { useSession } from "../shell/session";
import { useNow } from "../shell/useNow";
import { defaultLanes, laneViews } from "./board";
import { elapsedSeconds, formatDuration } from "./heartbeat";
import { HeartbeatIndicator } from "./HeartbeatIndicator";

const noSession = "";

/** The lanes of a session (or the lanes outside sessions) side by side, updated live from the hub. */
export function RunboardTab() {
  const { api, hub, caller, navigate, notify } = useSession();
  const [sessions, setSessions] = useState<Session[]>([]);
  const [sessionId, setSessionId] = useState(noSession);
  const [runs, setRuns] = useState(new Map<string, RunSnapshot>());
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);

  const session = sessions.find((s) => s.id === sessionId) ?? null;
  const lanes = session?.lanes ?? defaultLanes;

  useEffect(() => {
    api
      .json<{ items: Session[] }>("/api/sessions")
      .then((list) => setSessions(list.items.filter((s) => !s.archivedAt)))
      .catch((e: Error) => setError(e.message));
  }, [api]);

  useEffect(() => {
    let live = true;
    const known = new Map<string, RunSnapshot>();
    const scope = sessionId ? `&sessionId=${encodeURIComponent(sessionId)}` : "";
    Promise.all(
      lanes.flatMap((lane) => [
        api.json<RunPage>(`/api/runs?lane=${encodeURIComponent(lane)}&status=queued,claimed,running,cancelling&limit=200${scope}`),
        api.json<RunPage>(`/api/runs?lane=${encodeURIComponent(lane)}&limit=20${scope}`),
      ]),
    )
      .then((pages) => {
        if (!live) return;
        for (const run of pages.flatMap((p) => p.items)) known.set(run.id, run);
        setRuns((current) => new Map([...known, ...current]));
      })
      .catch((e: Error) => live && setError(e.message));
    const stop = hub.onRunUpdated((run) => setRuns((current) => new Map(current).set(run.id, run)));
    return () => {
      live = false;
      stop();
      setRuns(new Map());
    };
  }, [api, hub, sessionId, lanes]);

  const views = useMemo(() => laneViews(lanes, runs.values(), sessionId || null), [lanes, runs, sessionId]);

  async function cancel(run: RunSnapshot) {
    try {
      await api.json(`/api/runs/${run.id}/cancel`, { method: "POST", body: { reason: "Cancelled from the runboard" } });
      notify("Cancel requested.");
    } catch (e) {
      notify((e as Error).message, "bad");
    }
  }

  return (
    <div className="runboard">
      <div className="board-bar">
        <label htmlFor="board-session">Session</label>
        <select id="board-session" value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
          <option value={noSession}>No session (lanes A–D)</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.lanes.join(", ")})
            </option>
          ))}
        </select>
        {error && <span className="error">{error}</span>}
      </div>
      <div className="lanes">
        {views.map((view) => (
          <section key={view.lane} className="lane" aria-label={`Lane ${view.lane}`} data-lane={view.lane}>
            <header>
              <h3>Lane {view.lane}</h3>
              <span className="muted" data-testid="queued">
                {view.queued} queued
              </span>
            </header>
            {view.current ? (
              <article className="run-card" data-run-id={view.current.id}>
                <div className="run-card-top">
                  <StatusBadge status={view.current.status} />
                  <HeartbeatIndicator run={view.current} now={now} />
                </div>
                <a href={`#/runs/${view.current.id}`} onClick={(e) => (e.preventDefault(), navigate(`/runs/${view.current!.id}`))}>
                  {view.current.template ?? "plan"}
                  {view.current.environment ? ` → ${view.current.environment}` : ""}
                </a>
                <div className="muted small">
                  {stepText(view.current)} · {formatDuration(elapsedSeconds(view.current, now))} · {view.current.requestedBy}
                </div>
                {roles.mayOperate(caller) && ["claimed", "running", "queued"].includes(view.current.status) && (
                  <button type="button" className="danger small" onClick={() => void cancel(view.current!)}>
                    Cancel
                  </button>
                )}
              </article>
            ) : (
              <p className="muted">Idle</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

function stepText(run: RunSnapshot): string {
  const running = run.steps.find((s) => s.status === "running");
  if (running) return `step ${run.steps.indexOf(running) + 1}/${run.steps.length}: ${running.title}`;
  const done = run.steps.filter((s) => s.status !== "pending").length;
  return `${done}/${run.steps.length} steps`;
}
