import { type Schemas, api, data } from "@/lib/api-client";

export type Scorecard = Schemas["ScorecardPublic"];
export type ScorecardUpdate = Schemas["ScorecardUpdate"];
export type ScoredItem = Schemas["ScoredItem"];
export type Summary = Schemas["SummaryPublic"];
export type Template = Schemas["TemplatePublic"];
export type TemplateCreate = Schemas["TemplateCreate"];

const room = (roomId: string) => ({ params: { path: { room_id: roomId } } });

export function getMyScorecard(roomId: string): Promise<Scorecard> {
  return data(api.paths.GET("/api/rooms/{room_id}/scorecards/me", room(roomId)));
}

export function saveMyScorecard(roomId: string, body: ScorecardUpdate): Promise<Scorecard> {
  return data(api.paths.PUT("/api/rooms/{room_id}/scorecards/me", { ...room(roomId), body }));
}

export function listScorecards(roomId: string): Promise<Scorecard[]> {
  return data(api.paths.GET("/api/rooms/{room_id}/scorecards", room(roomId)));
}

export async function getSummary(roomId: string): Promise<Summary> {
  // The route answers JSON or Markdown, so the generated body type is `unknown`: JSON was asked for.
  const body: unknown = await data(api.paths.GET("/api/rooms/{room_id}/summary", { params: { path: { room_id: roomId }, query: { format: "json" } } }));
  return body as Summary;
}

/** The summary as Markdown text (the server's own rendering, for the download). */
export function getSummaryMarkdown(roomId: string): Promise<string> {
  const call = api.paths.GET("/api/rooms/{room_id}/summary", {
    params: { path: { room_id: roomId }, query: { format: "markdown" } },
    parseAs: "text",
  });
  return data(call) as Promise<unknown> as Promise<string>;
}

export function listTemplates(): Promise<Template[]> {
  return data(api.paths.GET("/api/scorecard-templates"));
}

export function createTemplate(body: TemplateCreate): Promise<Template> {
  return data(api.paths.POST("/api/scorecard-templates", { body }));
}

export function updateTemplate(id: string, body: TemplateCreate): Promise<Template> {
  return data(api.paths.PUT("/api/scorecard-templates/{template_id}", { params: { path: { template_id: id } }, body }));
}

export async function deleteTemplate(id: string): Promise<void> {
  await data(api.paths.DELETE("/api/scorecard-templates/{template_id}", { params: { path: { template_id: id } } }));
}
