import { describe, expect, it } from "vitest";

import { capabilitiesFrom } from "./capabilities";

describe("capabilitiesFrom", () => {
  const openapi = { paths: { "/api/languages": { get: {} }, "/api/rooms/{room_id}/runs": { post: {} } } };

  it("knows which operations the server has, whatever the parameter names", () => {
    const c = capabilitiesFrom(openapi);
    expect(c.has("get", "/api/languages")).toBe(true);
    expect(c.has("POST", "/api/rooms/{id}/runs")).toBe(true);
    expect(c.has("get", "/api/rooms/{id}/runs")).toBe(false);
    expect(c.has("get", "/api/problems")).toBe(false);
  });

  it("assumes everything when the document cannot be read", () => {
    expect(capabilitiesFrom(null).has("get", "/api/anything")).toBe(true);
  });
});
