import { useState, type FormEvent } from "react";
import { ApiClient, ApiError } from "../api/client";
import type { Caller } from "../api/types";

/** Asks for an API key and checks it with GET /api/me before anything else is shown. */
export function Login({ onLogin, initialError }: { onLogin: (api: ApiClient, caller: Caller) => void; initialError?: string }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState(initialError ?? "");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === "") {
      setError("Paste an API key: the gateway printed the bootstrap admin key when it started.");
      return;
    }
    setBusy(true);
    setError("");
    try {
      const api = new ApiClient(trimmed);
      onLogin(api, await api.me());
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? "That API key is unknown or revoked." : `Could not log in: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">OpsBus control room</h1>
        <p className="muted">Log in with an API key. What you see and may do follows its role.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          autoFocus
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="opsbus_…"
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Checking…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
