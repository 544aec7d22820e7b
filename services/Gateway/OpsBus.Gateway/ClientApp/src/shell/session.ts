import { createContext, useContext } from "react";
import type { ApiClient } from "../api/client";
import type { RunsHub } from "../api/hub";
import type { Caller } from "../api/types";

export interface Session {
  api: ApiClient;
  hub: RunsHub;
  caller: Caller;
  /** Shows a short message in the corner. */
  notify: (text: string, tone?: "info" | "good" | "bad") => void;
  navigate: (route: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside a logged-in view.");
  return session;
}

/** The key lives for the browser tab only: closing it logs out. */
export const keyStorage = {
  read: () => sessionStorage.getItem("opsbus.key"),
  write: (key: string) => sessionStorage.setItem("opsbus.key", key),
  clear: () => sessionStorage.removeItem("opsbus.key"),
};
