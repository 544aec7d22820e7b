import type { RunSnapshot } from "../api/types";
import { formatDuration, heartbeatAge, heartbeatHealth } from "./heartbeat";

const labels = { fresh: "Heartbeat fresh", late: "Heartbeat late", stale: "Heartbeat stale", idle: "No worker" };

/** A dot that turns amber, then red, as the worker's last heartbeat ages. */
export function HeartbeatIndicator({ run, now }: { run: RunSnapshot; now: number }) {
  const health = heartbeatHealth(run, now);
  const age = heartbeatAge(run, now);
  const text = health === "idle" || age === null ? labels[health] : `${labels[health]}: ${formatDuration(age)} ago`;
  return (
    <span className={`heartbeat heartbeat-${health}`} role="img" aria-label={text} title={text} data-health={health}>
      <span className="heartbeat-dot" aria-hidden="true" />
      {health !== "idle" && age !== null && <span className="heartbeat-age">{formatDuration(age)}</span>}
    </span>
  );
}
