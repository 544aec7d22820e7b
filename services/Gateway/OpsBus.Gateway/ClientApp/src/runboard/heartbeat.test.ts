import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import type { RunSnapshot } from "../api/types";
import { elapsedSeconds, formatDuration, heartbeatHealth } from "./heartbeat";
import { HeartbeatIndicator } from "./HeartbeatIndicator";

const now = Date.parse("2026-01-01T12:00:00Z");
const secondsAgo = (s: number) => new Date(now - s * 1000).toISOString();

function run(overrides: Partial<RunSnapshot>): RunSnapshot {
  return {
    id: "r1", status: "running", attempt: 1, maxAttempts: 3, lane: "A", sessionId: null, template: "hello",
    environment: null, priority: 0, claimedBy: "w1", createdAt: secondsAgo(120), claimedAt: secondsAgo(100),
    startedAt: secondsAgo(90), heartbeatAt: null, finishedAt: null, error: null, requestedBy: "ana", retryOf: null,
    steps: [], ...overrides,
  };
}

describe("heartbeat indicator", () => {
  it("is fresh while the last beat is under 10 seconds old", () => {
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(0) }), now)).toBe("fresh");
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(9.9) }), now)).toBe("fresh");
  });

  it("turns amber (late) from 10 seconds of silence", () => {
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(10) }), now)).toBe("late");
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(29) }), now)).toBe("late");
  });

  it("turns red (stale) at the 30 second heartbeat timeout", () => {
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(30) }), now)).toBe("stale");
    expect(heartbeatHealth(run({ heartbeatAt: secondsAgo(300) }), now)).toBe("stale");
  });

  it("counts from the claim when no beat arrived yet", () => {
    expect(heartbeatHealth(run({ status: "claimed", startedAt: null, claimedAt: secondsAgo(3) }), now)).toBe("fresh");
    expect(heartbeatHealth(run({ status: "claimed", startedAt: null, claimedAt: secondsAgo(12) }), now)).toBe("late");
  });

  it("is idle for runs no worker holds", () => {
    for (const status of ["queued", "awaiting_approval", "succeeded", "failed"] as const)
      expect(heartbeatHealth(run({ status, heartbeatAt: secondsAgo(500) }), now)).toBe("idle");
  });

  it("renders the colour class and the age for people and screen readers", () => {
    const html = renderToStaticMarkup(createElement(HeartbeatIndicator, { run: run({ heartbeatAt: secondsAgo(15) }), now }));
    expect(html).toContain("heartbeat-late");
    expect(html).toContain('aria-label="Heartbeat late: 15 s ago"');
  });

  it("formats durations and elapsed time", () => {
    expect(formatDuration(4.7)).toBe("4 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(3780)).toBe("1 h 3 min");
    expect(elapsedSeconds(run({ finishedAt: secondsAgo(30) }), now)).toBe(60);
  });
});
