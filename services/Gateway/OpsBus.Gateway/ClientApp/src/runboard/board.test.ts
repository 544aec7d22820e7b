import { describe, expect, it } from "vitest";
import type { RunSnapshot } from "../api/types";
import { laneViews } from "./board";

let n = 0;
function run(lane: string, status: RunSnapshot["status"], minute: number, sessionId: string | null = null): RunSnapshot {
  return {
    id: `r${++n}`, status, attempt: 1, maxAttempts: 1, lane, sessionId, template: "hello", environment: null, priority: 0,
    claimedBy: null, createdAt: `2026-01-01T00:${String(minute).padStart(2, "0")}:00Z`, claimedAt: null, startedAt: null,
    heartbeatAt: null, finishedAt: null, error: null, requestedBy: "ana", retryOf: null, steps: [],
  };
}

describe("runboard lanes", () => {
  it("shows the working run, else the latest finished one, and counts the queue", () => {
    const runs = [run("A", "succeeded", 1), run("A", "running", 2), run("A", "queued", 3), run("A", "queued", 4), run("B", "failed", 1), run("B", "succeeded", 5)];
    const [a, b, c] = laneViews(["A", "B", "C"], runs, null);
    expect(a).toMatchObject({ lane: "A", queued: 2, current: { status: "running" } });
    expect(b).toMatchObject({ lane: "B", queued: 0, current: { status: "succeeded" } });
    expect(c).toEqual({ lane: "C", queued: 0, current: null });
  });

  it("keeps to its scope: one session, or runs outside sessions", () => {
    const runs = [run("A", "running", 1, "s1"), run("A", "succeeded", 2)];
    expect(laneViews(["A"], runs, "s1")[0]!.current?.status).toBe("running");
    expect(laneViews(["A"], runs, null)[0]!.current?.status).toBe("succeeded");
  });
});
