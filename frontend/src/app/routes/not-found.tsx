import { Link } from "react-router";

export function NotFoundRoute() {
  return (
    <div className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="mb-2 text-xl font-semibold">Page not found</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link to="/" className="text-sky-700 underline dark:text-sky-400">
        Back to your rooms
      </Link>
    </div>
  );
}
