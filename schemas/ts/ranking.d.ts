/* Generated from schemas/ranking.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * threat id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ThreatId = string;

/**
 * A ranking as a document.
 */
export interface RankingReport {
  /**
   * Assessed threats, most urgent first.
   */
  entries: RankingEntry[];
  /**
   * The method.
   */
  method: string;
  /**
   * Threats without an assessment for the method.
   */
  unassessed?: ThreatId[];
}
/**
 * One line of a [`RankingReport`].
 */
export interface RankingEntry {
  /**
   * The EPSS probability, if stored.
   */
  epss?: number | null;
  /**
   * The outcome, e.g. `Act`, `Critical`.
   */
  outcome: string;
  /**
   * The outcome's rank within the method (higher is more urgent).
   */
  outcome_rank: number;
  /**
   * 1-based position.
   */
  rank: number;
  /**
   * Why.
   */
  rationale: string;
  /**
   * The numeric score within the outcome.
   */
  score: number;
  /**
   * The threat.
   */
  threat: string;
  /**
   * Its title.
   */
  title: string;
}
