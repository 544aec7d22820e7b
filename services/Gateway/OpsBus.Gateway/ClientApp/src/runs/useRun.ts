import { useEffect, useState } from "react";
import { isTerminal, type Artifact, type LogLine, type RunSnapshot } from "../api/types";
import { mergeLines } from "../logs/logModel";
import { useSession } from "../shell/session";

/** A run kept current: read once from the API, then every `runUpdated` the hub pushes for it. */
export function useRun(runId: string, initial?: RunSnapshot): { run: RunSnapshot | null; error: string | null; reload: () => void } {
  const { api, hub } = useSession();
  const [run, setRun] = useState<RunSnapshot | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const stopFollowing = hub.followRun(runId);
    const stopListening = hub.onRunUpdated((update) => {
      if (update.id === runId) setRun(update);
    });
    api
      .json<RunSnapshot>(`/api/runs/${runId}`)
      .then((fresh) => live && setRun((current) => newer(current, fresh)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
      stopListening();
      stopFollowing();
    };
  }, [api, hub, runId, generation]);

  return { run, error, reload: () => setGeneration((g) => g + 1) };
}

/**
 * How far a snapshot is along: its latest moment (an approval decision included), then, between two with only their
 * creation time, awaiting approval after just accepted (the API answers `queued` until the saga has the run).
 */
const progress = (r: RunSnapshot): [number, number] => [
  Math.max(...[r.finishedAt, r.heartbeatAt, r.startedAt, r.claimedAt, r.approval?.decidedAt, r.createdAt].map((t) => (t ? Date.parse(t) : 0))),
  r.status === "awaiting_approval" ? 1 : 0,
];

/** The hub may have delivered a later status while the API answered: keep the one that is further along. */
export function newer(current: RunSnapshot | null, fresh: RunSnapshot): RunSnapshot {
  if (!current) return fresh;
  const [held, read] = [progress(current), progress(fresh)];
  return held[0] > read[0] || (held[0] === read[0] && held[1] > read[1]) ? current : fresh;
}

const pageSize = 1000;
const logPollMs = 2000;

/** A run's log: every persisted page, read again from where it ended every few seconds, and the lines the hub pushes, each sequence number once. */
export function useRunLog(runId: string): { lines: LogLine[]; loading: boolean; error: string | null } {
  const { api, hub } = useSession();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLines([]);
    setLoading(true);
    const stopFollowing = hub.followRun(runId);
    const stopListening = hub.onRunLog((batch) => {
      if (batch.runId === runId) setLines((current) => mergeLines(current, batch.items));
    });
    // Lines are stored by their own consumer and may land after the hub pushed them (or before this view subscribed):
    // the persisted log is read again every few seconds from where it ended, so none is missed.
    (async () => {
      let after = 0;
      while (live) {
        const page = await api.json<{ items: LogLine[] }>(`/api/runs/${runId}/events?afterSeq=${after}&limit=${pageSize}`);
        if (!live) return;
        setLines((current) => mergeLines(current, page.items));
        if (page.items.length > 0) after = page.items[page.items.length - 1]!.seq;
        if (page.items.length < pageSize) {
          setLoading(false);
          await new Promise((resolve) => setTimeout(resolve, logPollMs));
        }
      }
    })()
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
      stopListening();
      stopFollowing();
    };
  }, [api, hub, runId]);

  return { lines, loading, error };
}

/**
 * Whether a run's artifacts are worth reading: only once a worker has started the run (or it has ended). Before that
 * there are none, and the artifacts service, which may not have heard of the run yet, would have to ask the orchestrator
 * about it; the hub pushes whatever is added meanwhile.
 */
export const artifactsReadable = (run: RunSnapshot | null): boolean =>
  run !== null && (run.startedAt !== null || isTerminal(run.status));

/** A run's artifacts: read once the artifacts service can answer for it, again when the run ends, and every one the hub pushes. */
export function useRunArtifacts(runId: string, run: RunSnapshot | null): Artifact[] {
  const { api, hub } = useSession();
  const [artifacts, setArtifacts] = useState<Artifact[]>([]);
  const readable = artifactsReadable(run);
  const finished = run !== null && isTerminal(run.status);

  useEffect(() => setArtifacts([]), [runId]);

  useEffect(() => hub.onArtifactAdded((a) => {
    if (a.runId === runId) setArtifacts((list) => (list.some((x) => x.id === a.id) ? list : [...list, a]));
  }), [hub, runId]);

  // Read again when the run ends: an artifact pushed while the hub was reconnecting is in the list by then.
  useEffect(() => {
    if (!readable) return;
    let live = true;
    api
      .json<Artifact[]>(`/api/runs/${runId}/artifacts`)
      .then((list) => live && setArtifacts((current) => [...list, ...current.filter((a) => !list.some((x) => x.id === a.id))]))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, runId, readable, finished]);

  return artifacts;
}
