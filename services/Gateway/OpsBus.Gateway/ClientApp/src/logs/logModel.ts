import type { LogLine } from "../api/types";

export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

/** The level a line is coloured and filtered by; workers write information/warning/etc. in several spellings. */
export function levelOf(line: Pick<LogLine, "level">): LogLevel {
  const level = line.level.toLowerCase();
  if (level.startsWith("err") || level === "fatal" || level === "critical") return "error";
  if (level.startsWith("warn")) return "warn";
  if (level === "debug" || level === "trace" || level === "verbose") return "debug";
  return "info";
}

/**
 * Adds lines to a log kept in sequence order, each sequence number once. Lines usually arrive in order after the
 * last one, so that case appends without sorting; a late or repeated batch is merged.
 */
export function mergeLines(current: readonly LogLine[], incoming: readonly LogLine[]): LogLine[] {
  if (incoming.length === 0) return current as LogLine[];
  const last = current.length > 0 ? current[current.length - 1]!.seq : -Infinity;
  const inOrder = incoming.every((line, i) => line.seq > (i === 0 ? last : incoming[i - 1]!.seq));
  if (inOrder) return current.concat(incoming);
  const bySeq = new Map<number, LogLine>();
  for (const line of current) bySeq.set(line.seq, line);
  for (const line of incoming) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export interface LogFilter {
  levels: ReadonlySet<LogLevel>;
  search: string;
}

/** The lines the filter keeps: their level is shown and the search (case-insensitive) is in the message or source. */
export function filterLines(lines: readonly LogLine[], filter: LogFilter): LogLine[] {
  const needle = filter.search.trim().toLowerCase();
  const allLevels = filter.levels.size === logLevels.length;
  if (allLevels && needle === "") return lines as LogLine[];
  return lines.filter(
    (line) =>
      filter.levels.has(levelOf(line)) &&
      (needle === "" || line.message.toLowerCase().includes(needle) || line.source.toLowerCase().includes(needle)),
  );
}

/** Where the search text sits in a message, to highlight it. */
export function splitOnMatch(text: string, search: string): { text: string; match: boolean }[] {
  const needle = search.trim().toLowerCase();
  if (needle === "") return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** The rows to render for a scroll position: those in view plus an overscan either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 20,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const inView = Math.ceil(viewportHeight / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(rowCount, first + inView + overscan) };
}

/** The tail is followed while the view is scrolled to (within a row of) the bottom; scrolling up stops following. */
export function isAtBottom(scrollTop: number, viewportHeight: number, contentHeight: number, tolerance: number): boolean {
  return contentHeight - (scrollTop + viewportHeight) <= tolerance;
}

/** One line as text, for copy and download. */
export function formatLine(line: LogLine): string {
  return `${line.ts} ${line.level.toUpperCase().padEnd(5)} [${line.source}] ${line.message}`;
}
