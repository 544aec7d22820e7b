import { useRef, useState, type FormEvent } from "react";
import { ApiError, newIdempotencyKey, roles } from "../api/client";
import type { PlanCard, RunbookTemplate, RunSnapshot } from "../api/types";
import { RunLiveCard } from "../runs/RunLiveCard";
import { useSession } from "../shell/session";
import { PlanCardView, type PlanSubmission } from "./PlanCardView";

type Entry =
  | { id: number; kind: "said"; text: string }
  | { id: number; kind: "plan"; card: PlanCard; template: RunbookTemplate }
  | { id: number; kind: "unknown"; card: PlanCard }
  | { id: number; kind: "run"; run: RunSnapshot }
  | { id: number; kind: "error"; text: string };

type NewEntry = Entry extends infer E ? (E extends Entry ? Omit<E, "id"> : never) : never;

const quickActions = ["say hello", "check prod status", "deploy staging", "deploy web to prod", "triage incident in prod"];

/** Type an intent, review the plan card the orchestrator proposes, run it and watch it. */
export function ChatTab() {
  const { api, caller } = useSession();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const next = useRef(1);
  const templates = useRef(new Map<string, RunbookTemplate>());

  const add = (entry: NewEntry) => setEntries((all) => [...all, { ...entry, id: next.current++ } as Entry]);

  async function templateOf(slug: string): Promise<RunbookTemplate> {
    const known = templates.current.get(slug);
    if (known) return known;
    const template = await api.json<RunbookTemplate>(`/api/templates/${encodeURIComponent(slug)}`);
    templates.current.set(slug, template);
    return template;
  }

  async function ask(intent: string) {
    const said = intent.trim();
    if (said === "" || busy) return;
    setBusy(true);
    setText("");
    add({ kind: "said", text: said });
    try {
      const card = await api.json<PlanCard>("/api/intents/parse", { method: "POST", body: { text: said } });
      if (card.template) add({ kind: "plan", card, template: await templateOf(card.template) });
      else add({ kind: "unknown", card });
    } catch (e) {
      add({ kind: "error", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  async function run(submission: PlanSubmission) {
    try {
      const started = await api.json<RunSnapshot>("/api/runs", {
        method: "POST",
        body: submission,
        headers: { "Idempotency-Key": newIdempotencyKey() },
      });
      add({ kind: "run", run: started });
    } catch (e) {
      add({ kind: "error", text: e instanceof ApiError ? `The run was refused: ${e.message}` : (e as Error).message });
      throw e;
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void ask(text);
  }

  return (
    <div className="chat">
      <div className="transcript" aria-live="polite">
        {entries.length === 0 && (
          <p className="muted">Say what to do, e.g. “deploy staging” or “check prod status”. A plan card appears to review before anything runs.</p>
        )}
        {entries.map((entry) => (
          <div key={entry.id} className={`entry entry-${entry.kind}`}>
            {entry.kind === "said" && <p className="said">{entry.text}</p>}
            {entry.kind === "plan" && (
              <PlanCardView card={entry.card} template={entry.template} mayRun={roles.mayOperate(caller)} onRun={run} />
            )}
            {entry.kind === "unknown" && <Unknown card={entry.card} onPick={(s) => void ask(s)} />}
            {entry.kind === "run" && <RunLiveCard initial={entry.run} />}
            {entry.kind === "error" && (
              <p className="error" role="alert">
                {entry.text}
              </p>
            )}
          </div>
        ))}
      </div>
      <div className="chips" aria-label="Quick actions">
        {quickActions.map((action) => (
          <button key={action} type="button" className="chip" onClick={() => void ask(action)} disabled={busy}>
            {action}
          </button>
        ))}
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor="intent" className="visually-hidden">
          Intent
        </label>
        <input
          id="intent"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="What should happen? e.g. deploy web to staging"
          maxLength={500}
          autoComplete="off"
        />
        <button type="submit" className="primary" disabled={busy || text.trim() === ""}>
          Plan
        </button>
      </form>
    </div>
  );
}

function Unknown({ card, onPick }: { card: PlanCard; onPick: (text: string) => void }) {
  return (
    <div className="unknown">
      <p>I did not understand that as a runbook. Try one of these:</p>
      <div className="chips">
        {(card.suggestions ?? []).map((s) => (
          <button key={s} type="button" className="chip" onClick={() => onPick(s)}>
            {s}
          </button>
        ))}
      </div>
    </div>
  );
}
