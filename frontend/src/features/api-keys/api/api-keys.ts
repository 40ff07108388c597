import { type Schemas, api, data } from "@/lib/api-client";

export type ApiKey = Schemas["ApiKeyPublic"];
export type ApiKeyCreated = Schemas["ApiKeyCreated"];

export function listApiKeys(): Promise<ApiKey[]> {
  return data(api.paths.GET("/api/keys"));
}

export function createApiKey(name: string): Promise<ApiKeyCreated> {
  return data(api.paths.POST("/api/keys", { body: { name } }));
}

export async function revokeApiKey(id: string): Promise<void> {
  await data(api.paths.DELETE("/api/keys/{key_id}", { params: { path: { key_id: id } } }));
}
