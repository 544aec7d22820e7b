import { describe, expect, it } from "vitest";
import type { RunSnapshot } from "../api/types";
import { newer } from "./useRun";

const created = "2026-11-25T02:00:00Z";
const run = (over: Partial<RunSnapshot>): RunSnapshot => ({
  id: "r1", status: "queued", attempt: 0, maxAttempts: 3, lane: "default", sessionId: null, template: "deploy", environment: "prod",
  priority: 0, claimedBy: null, createdAt: created, claimedAt: null, startedAt: null, heartbeatAt: null,
  finishedAt: null, error: null, requestedBy: "sam", retryOf: null, steps: [], ...over,
});
const pending = { status: "pending", planHash: "h", risk: "high", expiresAt: null, decidedBy: null, decidedAt: null, comment: null };
const accepted = run({ requiresApproval: true });
const awaiting = run({ status: "awaiting_approval", requiresApproval: true, approval: pending });
const approved = run({ requiresApproval: true, approval: { ...pending, status: "approved", decidedBy: "ana", decidedAt: "2026-11-25T02:00:05Z" } });

describe("newer", () => {
  it("keeps the pushed awaiting approval when the API answers with the run as just accepted", () =>
    expect(newer(awaiting, accepted)).toBe(awaiting));

  it("takes awaiting approval from the API over the run as just accepted", () => expect(newer(accepted, awaiting)).toBe(awaiting));

  it("takes the approved run, queued again, over awaiting approval whichever came first", () => {
    expect(newer(awaiting, approved)).toBe(approved);
    expect(newer(approved, awaiting)).toBe(approved);
  });

  it("takes a claimed run over a queued one", () => {
    const claimed = run({ status: "claimed", attempt: 1, claimedAt: "2026-11-25T02:00:01Z" });
    expect(newer(claimed, accepted)).toBe(claimed);
    expect(newer(accepted, claimed)).toBe(claimed);
  });
});
