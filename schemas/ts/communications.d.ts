/* Generated from schemas/communications.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * The updates an incident owes at one time (schema `urn:aiir:schema:communications:1`).
 */
export interface Communications {
  /**
   * The incident.
   */
  incident: string;
  /**
   * The time statuses were computed at.
   */
  now: string;
  /**
   * The severity that decided the audiences.
   */
  severity: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * The updates, overdue first, then by due time.
   */
  updates: Update[];
}
/**
 * One update owed to one recipient.
 */
export interface Update {
  /**
   * The audience.
   */
  audience: string;
  /**
   * The rendered draft.
   */
  draft: string;
  /**
   * When the next update is (or was) due; absent once nothing more is due.
   */
  due?: string | null;
  /**
   * Its kind.
   */
  kind: "incident_team" | "executives" | "legal_privacy" | "customers" | "supply_chain" | "regulators" | "public";
  /**
   * When the last update was sent.
   */
  last_sent?: string | null;
  /**
   * The recipient: the audience id, or a supply-chain party's id.
   */
  recipient: string;
  /**
   * How many were sent.
   */
  sent?: number;
  /**
   * Where it stands.
   */
  status: "due" | "overdue" | "sent";
  /**
   * Why this recipient hears about it.
   */
  why: string;
}
