import { isTerminal, type RunSnapshot } from "../api/types";

export const defaultLanes = ["A", "B", "C", "D"];

export interface LaneView {
  lane: string;
  queued: number;
  /** The run the lane is executing, else its latest run (finished, or waiting for approval). */
  current: RunSnapshot | null;
}

const working = (run: RunSnapshot) => run.status === "claimed" || run.status === "running" || run.status === "cancelling";

/** Where each lane of the board stands, from the runs it knows of in its scope (a session, or runs outside sessions). */
export function laneViews(lanes: readonly string[], runs: Iterable<RunSnapshot>, sessionId: string | null): LaneView[] {
  const inScope = [...runs].filter((r) => r.sessionId === sessionId);
  return lanes.map((lane) => {
    const own = inScope.filter((r) => r.lane.toLowerCase() === lane.toLowerCase());
    const newestFirst = own.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const active = newestFirst.find(working);
    const latest = newestFirst.find((r) => isTerminal(r.status) || r.status === "awaiting_approval");
    return { lane, queued: own.filter((r) => r.status === "queued").length, current: active ?? latest ?? null };
  });
}
