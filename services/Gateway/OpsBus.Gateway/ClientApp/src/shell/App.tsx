import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiClient, roles } from "../api/client";
import { RunsHub } from "../api/hub";
import { isTerminal, type Caller, type RunStatus } from "../api/types";
import { ApprovalsTab } from "../runs/ApprovalsTab";
import { ChatTab } from "../chat/ChatTab";
import { RunboardTab } from "../runboard/RunboardTab";
import { RunDetail } from "../runs/RunDetail";
import { RunsTab } from "../runs/RunsTab";
import { SpecKitTab } from "../spec/SpecKitTab";
import { specRoute } from "../spec/specDocs";
import { TemplatesTab } from "../templates/TemplatesTab";
import { Login } from "./Login";
import { keyStorage, SessionContext, type Session } from "./session";
import { Toasts, type Toast } from "./Toasts";
import { useHashRoute } from "./useHashRoute";

interface LoggedIn {
  api: ApiClient;
  hub: RunsHub;
  caller: Caller;
}

export function App() {
  const [login, setLogin] = useState<LoggedIn | null>(null);
  const [restoring, setRestoring] = useState(() => keyStorage.read() !== null);
  const [loginError, setLoginError] = useState<string>();

  const logIn = useCallback((api: ApiClient, caller: Caller) => {
    keyStorage.write(api.key);
    const hub = new RunsHub(api.key);
    void hub.start().catch(() => undefined);
    setLogin({ api, hub, caller });
  }, []);

  useEffect(() => {
    const key = keyStorage.read();
    if (!key) return;
    const api = new ApiClient(key);
    api
      .me()
      .then((caller) => logIn(api, caller))
      .catch(() => {
        keyStorage.clear();
        setLoginError("Your session ended: log in again.");
      })
      .finally(() => setRestoring(false));
  }, [logIn]);

  const logOut = useCallback(() => {
    keyStorage.clear();
    void login?.hub.stop();
    setLogin(null);
  }, [login]);

  if (restoring) return <p className="muted centered">Loading…</p>;
  if (!login) return <Login onLogin={logIn} initialError={loginError} />;
  return <ControlRoom login={login} onLogout={logOut} />;
}

/** The changes a requester wants to hear about; queued and claimed pass too quickly to matter. */
const toastWorthy = (status: RunStatus) => status === "running" || status === "awaiting_approval" || isTerminal(status);

const tabs = [
  { route: "/chat", label: "Chat" },
  { route: "/runboard", label: "Runboard" },
  { route: "/runs", label: "Runs" },
  { route: "/templates", label: "Templates" },
  { route: specRoute, label: "Spec Kit" },
  { route: "/approvals", label: "Approvals" },
] as const;

function ControlRoom({ login, onLogout }: { login: LoggedIn; onLogout: () => void }) {
  const [route, navigate] = useHashRoute("/chat");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [connected, setConnected] = useState(login.hub.connected);
  const nextToast = useRef(1);
  const known = useRef(new Map<string, RunStatus>());

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback(
    (text: string, tone: Toast["tone"] = "info") => {
      const id = nextToast.current++;
      setToasts((all) => [...all.slice(-4), { id, text, tone }]);
      window.setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );

  useEffect(() => login.hub.onConnectionChanged(setConnected), [login.hub]);
  useEffect(
    () =>
      login.hub.onRunUpdated((run) => {
        const before = known.current.get(run.id);
        known.current.set(run.id, run.status);
        if (run.requestedBy !== login.caller.name || before === run.status || !toastWorthy(run.status)) return;
        const tone = run.status === "succeeded" ? "good" : run.status === "failed" || run.status === "rejected" ? "bad" : "info";
        notify(`Run ${run.template ?? run.id.slice(0, 8)} on lane ${run.lane}: ${run.status.replace("_", " ")}`, tone);
      }),
    [login, notify],
  );

  const session: Session = useMemo(() => ({ ...login, notify, navigate }), [login, notify, navigate]);
  const visibleTabs = tabs.filter((t) => t.route !== "/approvals" || roles.mayApprove(login.caller));
  const runMatch = /^\/runs\/([0-9a-fA-F-]{36})$/.exec(route);
  const current = visibleTabs.find((t) => route === t.route || route.startsWith(`${t.route}/`))?.route ?? "/chat";

  return (
    <SessionContext.Provider value={session}>
      <div className="shell">
        <header className="topbar">
          <span className="brand">OpsBus</span>
          <nav aria-label="Views">
            <ul className="tabs" role="tablist">
              {visibleTabs.map((tab) => (
                <li key={tab.route} role="presentation">
                  <a
                    role="tab"
                    href={`#${tab.route}`}
                    aria-selected={current === tab.route}
                    aria-current={current === tab.route ? "page" : undefined}
                    className={current === tab.route ? "tab active" : "tab"}
                  >
                    {tab.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <span className={connected ? "live on" : "live off"} title={connected ? "Live updates on" : "Live updates reconnecting"}>
            {connected ? "live" : "offline"}
          </span>
          <span className="who" data-testid="caller">
            {login.caller.name} <span className="muted">({login.caller.roles.join(", ")})</span>
          </span>
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </header>
        <main className="content" role="tabpanel">
          {runMatch ? (
            <RunDetail runId={runMatch[1]!} />
          ) : current === "/runboard" ? (
            <RunboardTab />
          ) : current === "/runs" ? (
            <RunsTab />
          ) : current === "/templates" ? (
            <TemplatesTab />
          ) : current === specRoute ? (
            <SpecKitTab route={route} />
          ) : current === "/approvals" ? (
            <ApprovalsTab />
          ) : (
            <ChatTab />
          )}
        </main>
        <Toasts toasts={toasts} dismiss={dismiss} />
      </div>
    </SessionContext.Provider>
  );
}
