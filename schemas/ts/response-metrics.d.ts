/* Generated from schemas/response-metrics.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * Metrics over a set of incidents at one time (schema `urn:aiir:schema:response-metrics:1`).
 */
export interface ResponseMetrics {
  /**
   * Incidents per category id.
   */
  by_category: {
    [k: string]: number;
  };
  /**
   * Incidents per owner: the responder who first acknowledged (`unacknowledged`
   * without).
   */
  by_owner: {
    [k: string]: number;
  };
  /**
   * Incidents per severity (the assessed one; `unassessed` without).
   */
  by_severity: {
    [k: string]: number;
  };
  /**
   * How many incidents.
   */
  incidents: number;
  /**
   * Mean time to acknowledge (detection to first acknowledgement).
   */
  mtta?: Mean | null;
  /**
   * Mean time to contain (detection to first entering `contained`).
   */
  mttc?: Mean | null;
  /**
   * Mean time to resolve (detection to first entering `recovered`).
   */
  mttr?: Mean | null;
  /**
   * The time running clocks were read at.
   */
  now: string;
  /**
   * SLA compliance per clock.
   */
  sla?: SlaCompliance[];
  /**
   * Incidents without SLA clocks (no severity section, no SLA for their priority,
   * an undefined category), and why.
   */
  unassessed?: Unassessed[];
}
/**
 * A mean over the incidents that have the measurement.
 */
export interface Mean {
  /**
   * How many incidents it is over.
   */
  over: number;
  /**
   * The mean, in whole seconds (rounded down).
   */
  seconds: number;
}
/**
 * How one SLA clock fared across incidents.
 */
export interface SlaCompliance {
  /**
   * Past the target (running or stopped).
   */
  breached: number;
  /**
   * The clock.
   */
  clock: "acknowledge" | "contain" | "resolve" | "update";
  /**
   * Met as a share of the decided clocks (met + breached), in percent; absent when
   * none is decided.
   */
  compliance_percent?: number | null;
  /**
   * Stopped within the target.
   */
  met: number;
  /**
   * Still running within the target (including at risk and paused).
   */
  open: number;
}
/**
 * An incident left out of the SLA figures, and why.
 */
export interface Unassessed {
  /**
   * The incident.
   */
  incident: string;
  /**
   * Why it has no SLA clocks.
   */
  reason: string;
}
