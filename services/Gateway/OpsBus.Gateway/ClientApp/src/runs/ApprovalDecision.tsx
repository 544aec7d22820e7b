import { useState } from "react";
import { roles } from "../api/client";
import type { RunSnapshot } from "../api/types";
import { useSession } from "../shell/session";

/** A risky run's approval: who decided what, or (for approvers, on someone else's run) the approve and reject buttons. */
export function ApprovalDecision({ run, compact, onDecided }: { run: RunSnapshot; compact?: boolean; onDecided?: () => void }) {
  const { api, caller, notify } = useSession();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const approval = run.approval;
  if (!approval) return null;

  const pending = run.status === "awaiting_approval";
  const own = run.requestedBy === caller.name;
  const mayDecide = pending && roles.mayApprove(caller) && !own;

  async function decide(decision: "approve" | "reject") {
    setBusy(true);
    try {
      await api.json(`/api/runs/${run.id}/${decision}`, {
        method: "POST",
        body: { planHash: decision === "approve" ? approval!.planHash : null, comment: comment.trim() || null },
      });
      notify(decision === "approve" ? "Approved: the run goes to its lane." : "Rejected.", decision === "approve" ? "good" : "info");
      onDecided?.();
    } catch (e) {
      notify((e as Error).message, "bad");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={compact ? "approval compact" : "approval"} aria-label="Approval">
      <span>
        Approval <strong data-testid="approval-status">{approval.status}</strong>
        {approval.decidedBy && ` by ${approval.decidedBy}`}
        {approval.comment && ` — “${approval.comment}”`}
        {pending && approval.expiresAt && <span className="muted"> · expires {new Date(approval.expiresAt).toLocaleTimeString()}</span>}
      </span>
      {pending && own && !compact && <span className="muted">Another approver must decide on your run.</span>}
      {mayDecide && (
        <div className="decide">
          <input aria-label="Comment" placeholder="Comment (optional)" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
          <button type="button" className="primary" disabled={busy} onClick={() => void decide("approve")}>
            Approve
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void decide("reject")}>
            Reject
          </button>
        </div>
      )}
    </section>
  );
}
