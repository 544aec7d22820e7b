import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import type { Artifact, RunLogBatch, RunSnapshot } from "./types";

type Listener<T> = (value: T) => void;

/**
 * The one connection to /hubs/runs: follows everything the key may see, plus runs opened in detail,
 * and fans `runUpdated`, `runLog` and `artifactAdded` out to the views listening. Subscriptions are
 * replayed after a reconnect.
 */
export class RunsHub {
  private readonly connection: HubConnection;
  private readonly runs = new Map<string, number>();
  private readonly updated = new Set<Listener<RunSnapshot>>();
  private readonly logs = new Set<Listener<RunLogBatch>>();
  private readonly artifacts = new Set<Listener<Artifact>>();
  private readonly states = new Set<Listener<boolean>>();
  private started: Promise<void> | null = null;

  constructor(key: string) {
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/runs", { accessTokenFactory: () => key })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.None)
      .build();
    this.connection.on("runUpdated", (run: RunSnapshot) => this.updated.forEach((l) => l(run)));
    this.connection.on("runLog", (batch: RunLogBatch) => this.logs.forEach((l) => l(batch)));
    this.connection.on("artifactAdded", (a: Artifact & { artifactId?: string }) =>
      this.artifacts.forEach((l) => l({ ...a, id: a.artifactId ?? a.id })),
    );
    this.connection.onreconnecting(() => this.states.forEach((l) => l(false)));
    this.connection.onclose(() => this.states.forEach((l) => l(false)));
    this.connection.onreconnected(async () => {
      await this.subscribeEverything();
      this.states.forEach((l) => l(true));
    });
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  start(): Promise<void> {
    this.started ??= this.connection
      .start()
      .then(() => this.subscribeEverything())
      .then(() => this.states.forEach((l) => l(true)));
    return this.started;
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }

  /** Follows one run (its log lines included) until the returned function is called. */
  followRun(runId: string): () => void {
    this.runs.set(runId, (this.runs.get(runId) ?? 0) + 1);
    void this.whenConnected(() => this.connection.invoke("SubscribeRun", runId));
    return () => {
      const count = (this.runs.get(runId) ?? 1) - 1;
      if (count > 0) {
        this.runs.set(runId, count);
        return;
      }
      this.runs.delete(runId);
      void this.whenConnected(() => this.connection.invoke("UnsubscribeRun", runId));
    };
  }

  onRunUpdated = (listener: Listener<RunSnapshot>) => add(this.updated, listener);
  onRunLog = (listener: Listener<RunLogBatch>) => add(this.logs, listener);
  onArtifactAdded = (listener: Listener<Artifact>) => add(this.artifacts, listener);
  onConnectionChanged = (listener: Listener<boolean>) => add(this.states, listener);

  private async subscribeEverything(): Promise<void> {
    await this.connection.invoke("SubscribeAll");
    await Promise.all([...this.runs.keys()].map((id) => this.connection.invoke("SubscribeRun", id)));
  }

  private async whenConnected(action: () => Promise<unknown>): Promise<void> {
    try {
      await this.start();
      if (this.connected) await action();
    } catch {
      // A refused or failed subscription leaves the view on what the API answered; the status dot shows the hub is down.
    }
  }
}

function add<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener);
  return () => set.delete(listener);
}
