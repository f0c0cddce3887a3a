/* Generated from schemas/escalation-plan.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ResponderId = string;

/**
 * The result of a simulation (schema `urn:aiir:schema:escalation-plan:1`).
 */
export interface Plan {
  /**
   * Notify steps that paged nobody (a gap), with when.
   */
  nobody?: [unknown, unknown][];
  /**
   * How it ended.
   */
  outcome:
    | {
        /**
         * When.
         */
        at: string;
        /**
         * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
         */
        by: string;
        kind: "acknowledged";
      }
    | {
        /**
         * When.
         */
        at: string;
        kind: "terminal";
        /**
         * What it does.
         */
        outcome:
          | {
              kind: "stop";
            }
          | {
              kind: "auto_resolve";
            }
          | {
              kind: "hand_off";
              /**
               * The other policy's name.
               */
              policy: string;
            }
          | {
              kind: "raise_severity";
              /**
               * The new severity.
               */
              to: "informational" | "low" | "medium" | "high" | "critical";
            };
        /**
         * Which.
         */
        step: string;
      }
    | {
        kind: "no_entry";
      }
    | {
        /**
         * When the last page was sent.
         */
        at: string;
        kind: "page_limit";
      }
    | {
        /**
         * When the last step ran.
         */
        at: string;
        kind: "horizon";
      };
  /**
   * The pages, in time order.
   */
  pages: Page[];
  /**
   * Steps skipped because nobody was on call, with when.
   */
  skipped?: [unknown, unknown][];
}
/**
 * One page: who, when, via which step, why.
 */
export interface Page {
  /**
   * When.
   */
  at: string;
  /**
   * Who.
   */
  responder: string;
  /**
   * Via which notify step.
   */
  step: string;
  /**
   * The rotation or team the responder was reached through; absent when targeted directly.
   */
  via?: ResponderId | null;
}
