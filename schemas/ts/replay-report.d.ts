/* Generated from schemas/replay-report.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * What changed for the incidents of a replay (schema `urn:aiir:schema:replay-report:1`),
 * from [`CompiledPolicy::replay`].
 */
export interface ReplayReport {
  /**
   * How many of them changed.
   */
  changed: number;
  /**
   * One entry per incident that changed, in input order.
   */
  incidents?: ReplayedIncident[];
  /**
   * The new policy's name.
   */
  new_policy: string;
  /**
   * The time both triages were computed at.
   */
  now: string;
  /**
   * The old policy's name.
   */
  old_policy: string;
  /**
   * Incidents neither policy can triage, for the same reason (e.g. a category both
   * lack): not a change, but not a comparison either.
   */
  refused?: Refused[];
  /**
   * How many incidents were replayed.
   */
  replayed: number;
}
/**
 * The changes for one incident.
 */
export interface ReplayedIncident {
  /**
   * What differs, in the order of [`ChangeKind`].
   */
  changes: Change[];
  /**
   * The incident.
   */
  incident: string;
  /**
   * Its position in the input (incident ids need not be unique across a set).
   */
  index: number;
}
/**
 * One difference between the old and the new triage.
 */
export interface Change {
  /**
   * Which item, where the kind has several (a layer, a regime and report).
   */
  key?: string | null;
  /**
   * What changed.
   */
  kind:
    | "triage"
    | "severity"
    | "priority"
    | "urgency"
    | "sla"
    | "owners"
    | "playbook"
    | "step"
    | "pages"
    | "obligation"
    | "deadline";
  /**
   * Under the new policy (absent: none).
   */
  new?: string | null;
  /**
   * Under the old policy (absent: none).
   */
  old?: string | null;
}
/**
 * An incident both policies refuse to triage.
 */
export interface Refused {
  /**
   * The incident.
   */
  incident: string;
  /**
   * Its position in the input.
   */
  index: number;
  /**
   * Why the new policy refuses it.
   */
  new: string;
  /**
   * Why the old policy refuses it.
   */
  old: string;
}
