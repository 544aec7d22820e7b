import type { RunSnapshot } from "../api/types";

/** How fresh a working run's heartbeat is: workers beat every 5 s and are presumed dead after 30 s of silence. */
export type HeartbeatHealth = "fresh" | "late" | "stale" | "idle";

export const heartbeatThresholds = {
  /** Two missed beats: worth a look. */
  lateAfterSeconds: 10,
  /** The orchestrator's default heartbeat timeout: the run is about to be re-queued. */
  staleAfterSeconds: 30,
};

/** Seconds since the run last showed life: its heartbeat, else when it was claimed or started. */
export function heartbeatAge(run: RunSnapshot, now: number): number | null {
  const last = run.heartbeatAt ?? run.startedAt ?? run.claimedAt;
  if (!last) return null;
  return Math.max(0, (now - Date.parse(last)) / 1000);
}

export function heartbeatHealth(run: RunSnapshot, now: number, thresholds = heartbeatThresholds): HeartbeatHealth {
  if (run.status !== "claimed" && run.status !== "running" && run.status !== "cancelling") return "idle";
  const age = heartbeatAge(run, now);
  if (age === null) return "stale";
  if (age >= thresholds.staleAfterSeconds) return "stale";
  if (age >= thresholds.lateAfterSeconds) return "late";
  return "fresh";
}

/** "4 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** How long the run has been going (or went): from its start, or its request while it waits. */
export function elapsedSeconds(run: RunSnapshot, now: number): number {
  const from = Date.parse(run.startedAt ?? run.createdAt);
  const to = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Math.max(0, (to - from) / 1000);
}
