import type { RunSnapshot } from "../api/types";

export interface RunFilters {
  status: string;
  lane: string;
  template: string;
  sessionId: string;
  environment: string;
  text: string;
}

export const noFilters: RunFilters = { status: "", lane: "", template: "", sessionId: "", environment: "", text: "" };

/**
 * The query of GET /api/runs. The API has no environment filter, but its text search covers environments: with no
 * text of its own, the environment is searched there and matched exactly on this side.
 */
export function runsQuery(filters: RunFilters, cursor: string | null, limit = 50): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.lane) query.set("lane", filters.lane);
  if (filters.template) query.set("template", filters.template);
  if (filters.sessionId) query.set("sessionId", filters.sessionId);
  const text = filters.text.trim() || filters.environment.trim();
  if (text) query.set("q", text);
  query.set("limit", String(limit));
  if (cursor) query.set("cursor", cursor);
  return `/api/runs?${query.toString()}`;
}

/** Whether a run (say, one the hub just announced) belongs in the filtered list. */
export function matches(run: RunSnapshot, filters: RunFilters): boolean {
  const text = filters.text.trim().toLowerCase();
  return (
    (!filters.status || filters.status.split(",").includes(run.status)) &&
    (!filters.lane || run.lane === filters.lane) &&
    (!filters.template || run.template === filters.template) &&
    (!filters.sessionId || run.sessionId === filters.sessionId) &&
    (!filters.environment || run.environment === filters.environment) &&
    (!text ||
      run.id.toLowerCase().startsWith(text) ||
      [run.template, run.environment, run.error].some((v) => v?.toLowerCase().includes(text)))
  );
}
