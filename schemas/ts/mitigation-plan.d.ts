/* Generated from schemas/mitigation-plan.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * An ordered mitigation plan with the residual risk after each step.
 */
export interface MitigationPlan {
  /**
   * Total risk before any mitigation.
   */
  initial_risk: number;
  /**
   * The method whose risk scores were used.
   */
  method: string;
  /**
   * The steps, in order.
   */
  steps: PlanStep[];
  /**
   * `true` when planning stopped at the work bound ([`MAX_PLAN_WORK`] reduction
   * terms evaluated) before every useful mitigation was placed: the steps listed are
   * exact, later ones are missing.
   */
  truncated?: boolean;
}
/**
 * One step of a mitigation plan.
 */
export interface PlanStep {
  /**
   * Its cost.
   */
  cost: number;
  /**
   * The mitigation applied.
   */
  mitigation: string;
  /**
   * Risk removed per unit cost.
   */
  reduction_per_cost: number;
  /**
   * Total residual risk after this step.
   */
  residual_risk: number;
  /**
   * Total risk it removed at this point of the plan.
   */
  risk_reduction: number;
}
