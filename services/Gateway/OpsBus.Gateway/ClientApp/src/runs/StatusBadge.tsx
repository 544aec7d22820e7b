const labels: Record<string, string> = { awaiting_approval: "awaiting approval" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge status-${status}`} data-status={status}>
      {labels[status] ?? status}
    </span>
  );
}
