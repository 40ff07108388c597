/**
 * The one HTTP client: openapi-fetch typed by the paths generated from the server's OpenAPI
 * document (src/api/schema.d.ts), JSON in and out, the access token attached, refreshed silently a
 * minute before it expires and once more on a 401, with one refresh at a time across tabs (refresh
 * tokens rotate: two tabs spending the same one would revoke the whole family).
 */

import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "@/api/schema";

import {
  type Session,
  type SessionStore,
  sessionFromAuthResponse,
  sessionStore,
} from "./session-store";

/** The API's named shapes (`Schemas["RoomPublic"]`), generated from its OpenAPI document. */
export type Schemas = components["schemas"];

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * When a session's access token should be refreshed: a minute before expiry, or half-way through
 * its life for tokens shorter than two minutes (so short test TTLs do not refresh in a loop).
 */
export function refreshDueAt(session: Session): number {
  const lifetime = Math.max(0, session.accessExpiresAt - (session.obtainedAt ?? 0));
  return session.accessExpiresAt - Math.min(REFRESH_MARGIN_MS, lifetime / 2);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly body: unknown,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

/** What an openapi-fetch call resolves to: `data` on a 2xx, `error` (the parsed body) otherwise. */
type Outcome<D> = { data?: D; error?: unknown; response: Response };

/**
 * The body of a successful call, typed by the generated `paths`; an `ApiError` with the server's
 * `detail` as one readable line otherwise. `data(api.paths.GET("/api/rooms"))` is how every
 * feature calls the API.
 */
export async function data<D>(call: Promise<Outcome<D>>): Promise<D> {
  const { data: body, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, describeDetail(error ?? null, response.status), error ?? null);
  return body as D;
}

type Fetch = (request: Request) => Promise<Response>;
/** Runs `task` while holding a lock shared by every tab (navigator.locks in browsers). */
export type Lock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export type ApiClientOptions = {
  /** Origin of the API; the page's own by default. */
  baseUrl?: string;
  store: SessionStore;
  fetch?: Fetch;
  lock?: Lock;
  now?: () => number;
  /** Re-read the session persisted by another tab (inside the lock, before refreshing). */
  reload?: () => Session | null;
};

/** Turn FastAPI's `detail` (a string, or a list of validation errors) into one readable line. */
export function describeDetail(body: unknown, status: number): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return detail
      .map((item: { loc?: unknown[]; msg?: string }) => {
        const field = Array.isArray(item.loc) ? item.loc.filter((p) => p !== "body").join(".") : "";
        const msg = (item.msg ?? "invalid").replace(/^Value error, /, "");
        return field ? `${field}: ${msg}` : msg;
      })
      .join("; ");
  }
  if (status === 413) return "The request is too large.";
  if (status === 429) return "Too many attempts; wait a moment and try again.";
  if (status >= 500) return `The server had a problem (${status}). Try again.`;
  return `Request failed (${status}).`;
}

const inProcessLock: Lock = (() => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const result = previous.then(task, task);
    tails.set(
      name,
      result.catch(() => undefined),
    );
    return result;
  };
})();

export function browserLock(): Lock {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks === undefined) return inProcessLock;
  return <T>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
}

export class ApiClient {
  /** The API with the access token attached (refreshed before expiry and once on a 401). */
  readonly paths: Client<paths>;
  /** The API without a token (sign-up, log-in, refresh). */
  readonly anonymous: Client<paths>;
  private readonly store: SessionStore;
  private readonly fetchImpl: Fetch;
  private readonly lock: Lock;
  private readonly now: () => number;
  private readonly reload: () => Session | null;
  private refreshing: Promise<Session | null> | null = null;

  constructor(options: ApiClientOptions) {
    const baseUrl = options.baseUrl ?? (typeof location === "undefined" ? "" : location.origin);
    this.store = options.store;
    this.fetchImpl = options.fetch ?? ((request) => fetch(request));
    this.lock = options.lock ?? inProcessLock;
    this.now = options.now ?? Date.now;
    this.reload = options.reload ?? (() => this.store.get());
    const headers = { Accept: "application/json" };
    this.paths = createClient<paths>({ baseUrl, headers, fetch: (request) => this.authorized(request) });
    this.anonymous = createClient<paths>({ baseUrl, headers, fetch: (request) => this.fetchImpl(request) });
  }

  /** Send with the access token; on a 401, refresh once and send a copy once more. */
  private async authorized(request: Request): Promise<Response> {
    let token = await this.freshAccessToken();
    if (token === null) return this.fetchImpl(request);
    const retry = request.clone();
    request.headers.set("Authorization", `Bearer ${token}`);
    const response = await this.fetchImpl(request);
    if (response.status !== 401) return response;
    token = (await this.refresh(token))?.accessToken ?? null;
    if (token === null) return response;
    retry.headers.set("Authorization", `Bearer ${token}`);
    return this.fetchImpl(retry);
  }

  /** The access token, refreshed first when it expires within the margin; null when signed out. */
  async freshAccessToken(): Promise<string | null> {
    const session = this.store.get();
    if (session === null) return null;
    // A guest has nothing to refresh with: the token serves until it ends.
    if (session.refreshToken === "" || this.now() < refreshDueAt(session)) return session.accessToken;
    return (await this.refresh(session.accessToken))?.accessToken ?? null;
  }

  /**
   * Trade the refresh token for a new pair. `staleAccessToken` is the token found wanting: if
   * another caller or tab has already replaced it, its result is used instead of refreshing again.
   */
  refresh(staleAccessToken: string): Promise<Session | null> {
    if (this.refreshing === null) {
      this.refreshing = this.lock("codecollab-refresh", () => this.refreshHeld(staleAccessToken))
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private async refreshHeld(staleAccessToken: string): Promise<Session | null> {
    const latest = this.reload();
    if (latest === null || latest.refreshToken === "") {
      this.store.set(null);
      return null;
    }
    const replaced = latest.accessToken !== staleAccessToken;
    if (replaced && this.now() < refreshDueAt(latest)) {
      if (this.store.get()?.accessToken !== latest.accessToken) this.store.set(latest);
      return latest;
    }
    try {
      const body = await data(this.anonymous.POST("/api/auth/refresh", { body: { refresh_token: latest.refreshToken } }));
      const session = sessionFromAuthResponse(body, this.now());
      this.store.set(session);
      return session;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 422)) {
        this.store.set(null); // the refresh token is spent or revoked: signed out
        return null;
      }
      throw error;
    }
  }

}

export const api = new ApiClient({
  store: sessionStore,
  lock: browserLock(),
  reload: () => sessionStore.reload(),
});

/**
 * Keep the access token fresh while the app is open: refresh `REFRESH_MARGIN_MS` before expiry, so
 * a WebSocket reconnect or a request never meets an expired token. Returns a stop function.
 */
export function startSilentRefresh(
  client: ApiClient,
  store: SessionStore,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
  now: () => number = Date.now,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (session: Session | null): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (session === null || session.refreshToken === "") return; // a guest: nothing to refresh
    const delay = Math.max(0, refreshDueAt(session) - now());
    timer = timers.setTimeout(() => {
      timer = null;
      client.refresh(session.accessToken).catch(() => {
        // offline: retry in a while; a request will also refresh on demand
        timer = timers.setTimeout(() => schedule(store.get()), 15_000);
      });
    }, delay);
  };
  const unsubscribe = store.subscribe(schedule);
  schedule(store.get());
  return () => {
    unsubscribe();
    if (timer !== null) timers.clearTimeout(timer);
  };
}
