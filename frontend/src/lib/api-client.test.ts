import { describe, expect, it, vi } from "vitest";

import { ApiClient, type ApiClientOptions, ApiError, data, describeDetail, refreshDueAt, startSilentRefresh } from "./api-client";
import { type Session, SessionStore } from "./session-store";

const NOW = 1_000_000_000_000;

function jwt(expSeconds: number): string {
  const payload = btoa(JSON.stringify({ sub: "u", exp: expSeconds })).replace(/=+$/, "");
  return `header.${payload}.signature`;
}

function session(accessToken: string, expiresAt: number, refreshToken = "r1"): Session {
  return {
    user: { id: "u", email: "a@example.com", display_name: "Ann", is_admin: false, role: "member", created_at: "", kind: "account", guest_room_id: null },
    accessToken,
    refreshToken,
    accessExpiresAt: expiresAt,
    obtainedAt: expiresAt - 900_000,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function authBody(access: string, refresh: string) {
  return { user: session("x", 0).user, access_token: access, refresh_token: refresh, token_type: "bearer" };
}

type Call = { url: string; auth: string | null; body: unknown };

/** What openapi-fetch hands the client's transport: one `Request` per attempt. */
function fakeServer(handler: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.text();
    const call = { url: url.pathname + url.search, auth: request.headers.get("Authorization"), body: text ? (JSON.parse(text) as unknown) : null };
    calls.push(call);
    return handler(call);
  });
  return { calls, fetch };
}

function apiClient(options: Omit<ApiClientOptions, "baseUrl">): ApiClient {
  return new ApiClient({ baseUrl: "http://codecollab.test", ...options });
}

const listRooms = (client: ApiClient) => data(client.paths.GET("/api/rooms"));

describe("ApiClient", () => {
  it("never tries to refresh a guest's token: a guest has no refresh token", async () => {
    const store = new SessionStore(null);
    store.set(session("G1", NOW + 30_000, ""));
    const server = fakeServer(() => json(200, { ok: true }));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await listRooms(client);
    expect(server.calls).toEqual([{ url: "/api/rooms", auth: "Bearer G1", body: null }]);
  });

  it("signs a guest out when their token is refused, without a refresh request", async () => {
    const store = new SessionStore(null);
    store.set(session("G1", NOW + 600_000, ""));
    const server = fakeServer(() => json(401, { detail: "token expired" }));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await expect(listRooms(client)).rejects.toBeInstanceOf(ApiError);
    expect(server.calls.map((call) => call.url)).toEqual(["/api/rooms"]);
    expect(store.get()).toBeNull();
  });

  it("attaches the access token", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const server = fakeServer(() => json(200, { ok: true }));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await listRooms(client);
    expect(server.calls).toEqual([{ url: "/api/rooms", auth: "Bearer A1", body: null }]);
  });

  it("refreshes before a request when the token expires within a minute", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 30_000));
    const server = fakeServer((call) =>
      call.url === "/api/auth/refresh" ? json(200, authBody(jwt(NOW / 1000 + 900), "r2")) : json(200, []),
    );
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await listRooms(client);
    expect(server.calls.map((c) => c.url)).toEqual(["/api/auth/refresh", "/api/rooms"]);
    expect(server.calls[0]?.body).toEqual({ refresh_token: "r1" });
    expect(store.get()?.refreshToken).toBe("r2");
    expect(server.calls[1]?.auth).toBe(`Bearer ${jwt(NOW / 1000 + 900)}`);
  });

  it("refreshes once on a 401 and retries the request", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const fresh = jwt(NOW / 1000 + 900);
    const server = fakeServer((call) => {
      if (call.url === "/api/auth/refresh") return json(200, authBody(fresh, "r2"));
      return call.auth === `Bearer ${fresh}` ? json(200, { id: "room" }) : json(401, { detail: "expired" });
    });
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await expect(data(client.paths.GET("/api/rooms/{room_id}", { params: { path: { room_id: "1" } } }))).resolves.toEqual({ id: "room" });
    expect(server.calls.map((c) => c.url)).toEqual(["/api/rooms/1", "/api/auth/refresh", "/api/rooms/1"]);
  });

  it("sends the body again when it retries after a refresh", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const fresh = jwt(NOW / 1000 + 900);
    const server = fakeServer((call) => {
      if (call.url === "/api/auth/refresh") return json(200, authBody(fresh, "r2"));
      return call.auth === `Bearer ${fresh}` ? json(200, { id: "room" }) : json(401, { detail: "expired" });
    });
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await data(client.paths.POST("/api/rooms/join", { body: { invite_token: "t" } }));
    expect(server.calls.map((c) => [c.url, c.body])).toEqual([
      ["/api/rooms/join", { invite_token: "t" }],
      ["/api/auth/refresh", { refresh_token: "r1" }],
      ["/api/rooms/join", { invite_token: "t" }],
    ]);
  });

  it("passes path and query parameters, encoded", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const server = fakeServer(() => json(200, []));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await data(client.paths.GET("/api/rooms/{room_id}/events", { params: { path: { room_id: "a/b" }, query: { after_seq: 5, limit: 10 } } }));
    expect(server.calls[0]?.url).toBe("/api/rooms/a%2Fb/events?after_seq=5&limit=10");
  });

  it("does not loop when the retried request is refused again", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const server = fakeServer((call) =>
      call.url === "/api/auth/refresh" ? json(200, authBody(jwt(NOW / 1000 + 900), "r2")) : json(401, { detail: "no" }),
    );
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await expect(listRooms(client)).rejects.toMatchObject({ status: 401 });
    expect(server.calls).toHaveLength(3);
  });

  it("signs out when the refresh token is refused", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 10_000));
    const server = fakeServer(() => json(401, { detail: "refresh token already used" }));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await listRooms(client).catch(() => undefined);
    expect(store.get()).toBeNull();
  });

  it("shares one refresh between concurrent requests (refresh tokens rotate)", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 10_000));
    const server = fakeServer((call) =>
      call.url === "/api/auth/refresh" ? json(200, authBody(jwt(NOW / 1000 + 900), "r2")) : json(200, {}),
    );
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await Promise.all([listRooms(client), data(client.paths.GET("/api/auth/me")), data(client.paths.GET("/api/languages"))]);
    expect(server.calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("adopts a token another tab already refreshed instead of spending the refresh token again", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 10_000));
    const otherTab = session("A2", NOW + 900_000, "r2");
    const server = fakeServer(() => json(200, {}));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW, reload: () => otherTab });
    await listRooms(client);
    expect(server.calls).toEqual([{ url: "/api/rooms", auth: "Bearer A2", body: null }]);
    expect(store.get()?.refreshToken).toBe("r2");
  });

  it("sends anonymous requests without a token", async () => {
    const store = new SessionStore(null);
    store.set(session("A1", NOW + 600_000));
    const server = fakeServer(() => json(201, authBody("x", "y")));
    const client = apiClient({ store, fetch: server.fetch, now: () => NOW });
    await data(client.anonymous.POST("/api/auth/login", { body: { email: "a", password: "b" } }));
    expect(server.calls[0]?.auth).toBeNull();
  });

  it("raises ApiError with the server's detail", async () => {
    const store = new SessionStore(null);
    const server = fakeServer(() => json(409, { detail: "already a member" }));
    const client = apiClient({ store, fetch: server.fetch });
    const error = await data(client.paths.POST("/api/rooms/join", { body: { invite_token: "t" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, detail: "already a member" });
  });
});

describe("describeDetail", () => {
  it("joins validation errors with their fields", () => {
    const body = { detail: [{ loc: ["body", "email"], msg: "value is not a valid email address" }, { loc: ["body", "password"], msg: "String should have at least 8 characters" }] };
    expect(describeDetail(body, 422)).toBe("email: value is not a valid email address; password: String should have at least 8 characters");
  });

  it("explains rate limiting and server errors without a detail", () => {
    expect(describeDetail(null, 429)).toMatch(/Too many attempts/);
    expect(describeDetail("<html>", 502)).toMatch(/server had a problem \(502\)/);
  });
});

describe("refreshDueAt", () => {
  it("is a minute before expiry for normal tokens", () => {
    expect(refreshDueAt(session("A", NOW + 900_000))).toBe(NOW + 840_000);
  });

  it("is half-way for short-lived tokens", () => {
    const s = { ...session("A", NOW + 20_000), obtainedAt: NOW };
    expect(refreshDueAt(s)).toBe(NOW + 10_000);
  });
});

describe("startSilentRefresh", () => {
  it("refreshes a minute before the token expires, then schedules the next one", async () => {
    vi.useFakeTimers({ now: NOW });
    try {
      const store = new SessionStore(null);
      store.set(session("A1", NOW + 120_000));
      const server = fakeServer(() => json(200, authBody(jwt(NOW / 1000 + 1000), "r2")));
      const client = apiClient({ store, fetch: server.fetch });
      const stop = startSilentRefresh(client, store);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(server.calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(server.calls.map((c) => c.url)).toEqual(["/api/auth/refresh"]);
      expect(store.get()?.refreshToken).toBe("r2");
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
