import { describe, expect, it } from "vitest";
import type { RunSnapshot } from "../api/types";
import { artifactsReadable } from "./useRun";

const run = (over: Partial<RunSnapshot>): RunSnapshot => ({
  id: "r1", status: "queued", attempt: 1, maxAttempts: 3, lane: "default", sessionId: null, template: null, environment: null,
  priority: 0, claimedBy: null, createdAt: "2026-11-24T12:00:00Z", claimedAt: null, startedAt: null, heartbeatAt: null,
  finishedAt: null, error: null, requestedBy: "sam", retryOf: null, steps: [], ...over,
});

describe("artifactsReadable", () => {
  it("does not ask before the run is known", () => expect(artifactsReadable(null)).toBe(false));

  it("does not ask while the run waits to be claimed or approved: it has none yet", () => {
    expect(artifactsReadable(run({ status: "queued" }))).toBe(false);
    expect(artifactsReadable(run({ status: "awaiting_approval" }))).toBe(false);
  });

  it("asks once a worker started the run", () => expect(artifactsReadable(run({ status: "running", startedAt: "2026-11-24T12:00:01Z" }))).toBe(true));

  it("asks once the run ended, even if it never started", () => {
    expect(artifactsReadable(run({ status: "cancelled", finishedAt: "2026-11-24T12:00:01Z" }))).toBe(true);
    expect(artifactsReadable(run({ status: "succeeded", startedAt: "2026-11-24T12:00:01Z" }))).toBe(true);
  });
});
