export function ReplayRoute() {
  return <p className="p-6">Replay</p>;
}
