import { describe, expect, it } from "vitest";
import type { LogLine } from "../api/types";
import { filterLines, isAtBottom, levelOf, logLevels, mergeLines, splitOnMatch, visibleRange } from "./logModel";

const line = (seq: number, level = "info", message = `line ${seq}`, source = "worker"): LogLine => ({
  seq, ts: "2026-01-01T00:00:00Z", level, source, message,
});
const all = new Set(logLevels);

describe("log viewer model", () => {
  it("appends lines arriving in order and merges late or repeated ones by sequence", () => {
    const first = mergeLines([], [line(1), line(2)]);
    expect(mergeLines(first, [line(3)]).map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(mergeLines(first, [line(2), line(3), line(1)]).map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(mergeLines([line(1), line(5)], [line(3)]).map((l) => l.seq)).toEqual([1, 3, 5]);
  });

  it("reads level spellings into four levels", () => {
    expect(levelOf({ level: "Information" })).toBe("info");
    expect(levelOf({ level: "warning" })).toBe("warn");
    expect(levelOf({ level: "ERROR" })).toBe("error");
    expect(levelOf({ level: "trace" })).toBe("debug");
  });

  it("filters by level and searches messages and sources without regard to case", () => {
    const lines = [line(1, "info", "Deploying web"), line(2, "error", "Health check FAILED"), line(3, "warn", "slow", "target.check")];
    expect(filterLines(lines, { levels: new Set(["error"] as const), search: "" }).map((l) => l.seq)).toEqual([2]);
    expect(filterLines(lines, { levels: all, search: "failed" }).map((l) => l.seq)).toEqual([2]);
    expect(filterLines(lines, { levels: all, search: "TARGET" }).map((l) => l.seq)).toEqual([3]);
    expect(filterLines(lines, { levels: new Set(["info"] as const), search: "health" })).toEqual([]);
    expect(filterLines(lines, { levels: all, search: "  " })).toBe(lines);
  });

  it("splits a message around every match for highlighting", () => {
    expect(splitOnMatch("ok then OK", "ok")).toEqual([
      { text: "ok", match: true }, { text: " then ", match: false }, { text: "OK", match: true },
    ]);
    expect(splitOnMatch("nothing", "")).toEqual([{ text: "nothing", match: false }]);
  });

  it("renders only the rows in view plus an overscan, even for 100,000 lines", () => {
    expect(visibleRange(0, 400, 20, 100_000, 10)).toEqual({ start: 0, end: 30 });
    const deep = visibleRange(20 * 50_000, 400, 20, 100_000, 10);
    expect(deep).toEqual({ start: 49_990, end: 50_030 });
    expect(visibleRange(20 * 99_990, 400, 20, 100_000, 10).end).toBe(100_000);
  });

  it("follows the tail only while the view is at the bottom", () => {
    expect(isAtBottom(1600, 400, 2000, 20)).toBe(true);
    expect(isAtBottom(1585, 400, 2000, 20)).toBe(true);
    expect(isAtBottom(1000, 400, 2000, 20)).toBe(false);
  });
});
