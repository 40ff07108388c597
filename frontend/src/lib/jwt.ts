/** Reading (never verifying) the claims of a JWT: the client only needs to know when it expires. */

export function jwtExpiresAtMs(token: string): number | null {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims: unknown = JSON.parse(json);
    if (typeof claims === "object" && claims !== null && "exp" in claims) {
      const exp = (claims as { exp: unknown }).exp;
      return typeof exp === "number" ? exp * 1000 : null;
    }
  } catch {
    return null;
  }
  return null;
}
