// A TypeScript consumer of the declarations in schemas/ts/: what a tool writes, checked
// by `tsc` in CI (a wrong kind or a missing member must not type-check).
import type { Inventory } from "../../schemas/ts/inventory.d.ts";
import type { Incident } from "../../schemas/ts/incident.d.ts";

export const inventory: Inventory = {
  schema_version: "1.0.0",
  name: "acme",
  assets: [{ id: "chat-model@2.5.1", kind: "model", name: "chat-model", version: "2.5.1", status: "known_good" }],
  dependencies: [{ from: "bot@1.0.0", to: "chat-model@2.5.1", kind: "uses_model" }],
};

export const wrongKind: Inventory = {
  schema_version: "1.0.0",
  name: "acme",
  // @ts-expect-error: `modle` is not an asset kind
  assets: [{ id: "m", kind: "modle", name: "m" }],
};

// @ts-expect-error: an incident needs its id, title, category, phase, times, timeline…
export const partial: Incident = { schema_version: "1.0.0" };

export function blastRadius(incident: Incident): string {
  return incident.impact?.blast_radius ?? "instance";
}
