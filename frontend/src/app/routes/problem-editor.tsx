import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { useSession } from "@/features/auth/hooks/use-session";
import { getProblemForEditing } from "@/features/authoring/api/problems";
import { ProblemEditor } from "@/features/authoring/components/problem-editor";
import { emptyState, stateFromProblem } from "@/features/authoring/draft";
import { mayAuthorProblems } from "@/features/authoring/roles";
import type { ProblemForEditing } from "@/features/authoring/types";
import { useLanguages } from "@/features/execution/hooks/use-languages";

function Page({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
      <p className="text-sm">
        <Link to="/" className="text-sky-700 underline dark:text-sky-400">
          ← Dashboard
        </Link>
      </p>
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

/** The reference solution's language to start with: Python where the server runs it. */
function defaultLanguage(options: { id: string }[]): string | undefined {
  return options.find((option) => option.id === "python")?.id ?? options[0]?.id;
}

function useSaved() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (saved: ProblemForEditing) => {
    queryClient.setQueryData(["problem-edit", saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ["problems"] });
    navigate(`/problems/${saved.id}/edit`, { state: { saved: true } });
  };
}

function NotAuthor() {
  return <Alert>Only staff and admins can write problems. Ask an administrator if you need to.</Alert>;
}

export function NewProblemRoute() {
  const session = useSession();
  const languages = useLanguages();
  const onSaved = useSaved();
  if (!mayAuthorProblems(session?.user.role)) {
    return (
      <Page title="New problem">
        <NotAuthor />
      </Page>
    );
  }
  return (
    <Page title="New problem">
      {languages.loading ? <p role="status">Loading…</p> : <ProblemEditor initial={emptyState(defaultLanguage(languages.options))} problemId={null} languages={languages.options} onSaved={onSaved} />}
    </Page>
  );
}

export function EditProblemRoute() {
  const { problemId = "" } = useParams();
  const session = useSession();
  const languages = useLanguages();
  const onSaved = useSaved();
  const author = mayAuthorProblems(session?.user.role);
  const problem = useQuery({ queryKey: ["problem-edit", problemId], queryFn: () => getProblemForEditing(problemId), enabled: author });
  const justSaved = Boolean((useLocation().state as { saved?: boolean } | null)?.saved);
  if (!author) {
    return (
      <Page title="Edit problem">
        <NotAuthor />
      </Page>
    );
  }
  return (
    <Page title={problem.data ? `Edit “${problem.data.problem.title}”` : "Edit problem"}>
      {justSaved && (
        <Alert tone="info">
          Saved: the reference solution passed every test. <Link to="/" className="underline">Create a room with it</Link> from the dashboard.
        </Alert>
      )}
      {problem.error && <Alert>Could not load the problem: {problem.error.message}</Alert>}
      {(problem.isLoading || languages.loading) && <p role="status">Loading…</p>}
      {problem.data && !languages.loading && (
        <ProblemEditor key={problem.dataUpdatedAt} initial={stateFromProblem(problem.data, defaultLanguage(languages.options))} problemId={problemId} languages={languages.options} onSaved={onSaved} />
      )}
    </Page>
  );
}
