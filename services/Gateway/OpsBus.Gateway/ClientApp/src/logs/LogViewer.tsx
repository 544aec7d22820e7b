import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { LogLine } from "../api/types";
import { filterLines, formatLine, isAtBottom, levelOf, logLevels, splitOnMatch, visibleRange, type LogLevel } from "./logModel";

const rowHeight = 20;

interface Props {
  lines: LogLine[];
  title: string;
  loading?: boolean;
  /** The file name offered by Download. */
  fileName: string;
}

/**
 * A run's log: virtualised (only the rows in view are in the DOM), following the tail until the reader scrolls up,
 * filtered by level and searched, coloured by level, copied or downloaded as text, and full-screen on demand.
 */
export function LogViewer({ lines, title, loading, fileName }: Props) {
  const [levels, setLevels] = useState<Set<LogLevel>>(() => new Set(logLevels));
  const [search, setSearch] = useState("");
  const [follow, setFollow] = useState(true);
  const [fullScreen, setFullScreen] = useState(false);
  const [copied, setCopied] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const scroller = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => filterLines(lines, { levels, search }), [lines, levels, search]);
  const range = visibleRange(scrollTop, viewport, rowHeight, shown.length);
  const height = shown.length * rowHeight;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fullScreen]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (follow && element) {
      element.scrollTop = element.scrollHeight;
      setScrollTop(element.scrollTop);
    }
  }, [follow, shown.length, fullScreen, viewport]);

  useEffect(() => {
    if (!fullScreen) return;
    const close = (e: globalThis.KeyboardEvent) => e.key === "Escape" && setFullScreen(false);
    window.addEventListener("keydown", close);
    return () => window.removeEventListener("keydown", close);
  }, [fullScreen]);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    setScrollTop(element.scrollTop);
    setFollow(isAtBottom(element.scrollTop, element.clientHeight, element.scrollHeight, rowHeight));
  }, []);

  function toggleLevel(level: LogLevel) {
    setLevels((current) => {
      const next = new Set(current);
      if (next.has(level)) next.delete(level);
      else next.add(level);
      return next;
    });
  }

  async function copy() {
    await navigator.clipboard.writeText(shown.map(formatLine).join("\n"));
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([shown.map(formatLine).join("\n") + "\n"], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function keys(event: KeyboardEvent<HTMLDivElement>) {
    const element = scroller.current;
    if (!element) return;
    if (event.key === "End") element.scrollTop = element.scrollHeight;
    else if (event.key === "Home") element.scrollTop = 0;
    else return;
    event.preventDefault();
  }

  return (
    <section
      className={fullScreen ? "log-viewer full-screen" : "log-viewer"}
      aria-label={title}
      role={fullScreen ? "dialog" : undefined}
      aria-modal={fullScreen ? true : undefined}
      data-testid="log-viewer"
    >
      <div className="log-toolbar">
        <strong>{title}</strong>
        <span className="muted" data-testid="log-count">
          {shown.length === lines.length ? `${lines.length} lines` : `${shown.length} of ${lines.length} lines`}
          {loading ? " (loading…)" : ""}
        </span>
        <div className="level-toggles" role="group" aria-label="Levels">
          {logLevels.map((level) => (
            <button
              key={level}
              type="button"
              className={`level-toggle level-${level}`}
              aria-pressed={levels.has(level)}
              onClick={() => toggleLevel(level)}
            >
              {level}
            </button>
          ))}
        </div>
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" aria-pressed={follow} onClick={() => setFollow(!follow)}>
          {follow ? "Following" : "Follow tail"}
        </button>
        <button type="button" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={download}>
          Download
        </button>
        <button type="button" onClick={() => setFullScreen(!fullScreen)}>
          {fullScreen ? "Exit full screen" : "Full screen"}
        </button>
      </div>
      <div className="log-scroller" ref={scroller} onScroll={onScroll} tabIndex={0} onKeyDown={keys} aria-label="Log lines">
        <div className="log-canvas" style={{ height }}>
          {shown.slice(range.start, range.end).map((line, i) => (
            <div
              key={line.seq}
              className={`log-line level-${levelOf(line)}`}
              style={{ transform: `translateY(${(range.start + i) * rowHeight}px)` }}
              data-seq={line.seq}
            >
              <span className="log-ts">{line.ts.slice(11, 23)}</span>
              <span className="log-level">{levelOf(line)}</span>
              <span className="log-source">{line.source}</span>
              <span className="log-message">
                {splitOnMatch(line.message, search).map((part, j) => (part.match ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
              </span>
            </div>
          ))}
        </div>
        {shown.length === 0 && !loading && <p className="muted log-empty">No lines{lines.length > 0 ? " match" : " yet"}.</p>}
      </div>
    </section>
  );
}
