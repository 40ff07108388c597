export function AnalyticsRoute() {
  return <p className="p-6">Analytics</p>;
}
