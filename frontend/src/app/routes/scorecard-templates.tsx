import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { type Template, type TemplateCreate, createTemplate, deleteTemplate, updateTemplate } from "@/features/scorecards/api/scorecards";
import { TemplateEditor } from "@/features/scorecards/components/template-editor";
import { scorecardKeys, useTemplates } from "@/features/scorecards/hooks/use-scorecards";
import { ApiError } from "@/lib/api-client";

export function ScorecardTemplatesRoute() {
  const templates = useTemplates();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: scorecardKeys.templates });

  if (templates.error) {
    const refused = templates.error instanceof ApiError && templates.error.status === 403;
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="mb-2 text-xl font-semibold">Scorecard templates</h1>
        <Alert>{refused ? "Scorecard templates are managed by staff and admins only." : templates.error.message}</Alert>
        <Link to="/" className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">
          Back to your rooms
        </Link>
      </div>
    );
  }
  const create = async (body: TemplateCreate) => {
    await createTemplate(body);
    setCreating(false);
    await refresh();
  };
  const update = async (id: string, body: TemplateCreate) => {
    await updateTemplate(id, body);
    setEditing(null);
    await refresh();
  };
  const remove = async (template: Template) => {
    if (!window.confirm(`Delete the template "${template.name}"? Scorecards already started keep their items.`)) return;
    await deleteTemplate(template.id);
    await refresh();
  };

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-3 p-3">
        <h1 className="text-lg font-semibold">Scorecard templates</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A room's scorecards start from its problem's template, else the organisation's default, else the built-in rubric (Problem solving, Code quality, Communication, Testing).
        </p>
        {creating ? (
          <Panel title="New template">
            <TemplateEditor onSave={create} onCancel={() => setCreating(false)} />
          </Panel>
        ) : (
          <Button size="sm" onClick={() => setCreating(true)}>
            New template
          </Button>
        )}
        {templates.isPending ? (
          <Spinner label="Loading templates" />
        ) : templates.data?.length === 0 ? (
          <p className="text-sm">No templates yet: rooms use the built-in rubric.</p>
        ) : (
          <ul className="space-y-2" aria-label="Templates">
            {templates.data?.map((template) => (
              <li key={template.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="template">
                {editing === template.id ? (
                  <TemplateEditor initial={template} onSave={(body) => update(template.id, body)} onCancel={() => setEditing(null)} />
                ) : (
                  <div className="space-y-1 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <h2 className="font-semibold">{template.name}</h2>
                      {template.is_default && <Badge tone="green">Default</Badge>}
                      {template.problem_id && <Badge tone="blue">For a problem</Badge>}
                      <div className="ml-auto flex gap-2">
                        <Button size="sm" variant="secondary" onClick={() => setEditing(template.id)} aria-label={`Edit ${template.name}`}>
                          Edit
                        </Button>
                        <Button size="sm" variant="danger" onClick={() => void remove(template)} aria-label={`Delete ${template.name}`}>
                          Delete
                        </Button>
                      </div>
                    </div>
                    <p>{template.items.map((i) => i.title).join(" · ")}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
