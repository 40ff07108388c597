/** Staff and admins write problems (the server checks it on every request too). */
export function mayAuthorProblems(role: string | undefined): boolean {
  return role === "staff" || role === "admin";
}
