/* Generated from schemas/audit-report.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * The audit of a policy (schema `urn:aiir:schema:audit-report:1`).
 */
export interface AuditReport {
  /**
   * One entry per control.
   */
  controls: ControlAudit[];
  /**
   * The date the audit was run for (reviews, exercises and training are checked against it).
   */
  date: string;
  /**
   * The policy audited.
   */
  policy: string;
}
/**
 * The audit of one control.
 */
export interface ControlAudit {
  caiq: CaiqAnswer;
  /**
   * The control, e.g. `CSA AICM 1.1.0 SEF-07`.
   */
  control: string;
  /**
   * One result per auditing guideline.
   */
  guidelines: GuidelineResult[];
  /**
   * Its short title.
   */
  title: string;
}
/**
 * The AI-CAIQ answer.
 */
export interface CaiqAnswer {
  /**
   * YES, NO or NA.
   */
  answer: "YES" | "NO" | "NA";
  /**
   * Problems with the answer against the CAIQ rules (e.g. a YES without an owner).
   */
  issues?: string[];
  /**
   * The SSRM control ownership code (`AP-Owned`, `Shared MP-OSP`, …, or `ND`).
   */
  owner:
    | "CSP-Owned"
    | "MP-Owned"
    | "OSP-Owned"
    | "AP-Owned"
    | "AIC-Owned"
    | "Shared CSP-MP"
    | "Shared MP-OSP"
    | "Shared OSP-AP"
    | "Shared AP-AIC"
    | "Shared Across the Supply Chain"
    | "ND"
    | "Owned by the Cloud Service Provider (CSP)"
    | "Owned by the Model Provider (MP)"
    | "Owned by the Orchestrated Service Provider (OSP)"
    | "Owned by the Application Provider (AP)"
    | "Owned by the Customer (AIC)"
    | "Shared Cloud Service Provider-Model Provider (Shared CSP-MP)"
    | "Shared Model Provider-Orchestrated Service Provider (Shared MP-OSP)"
    | "Shared Orchestrated Service Provider-Application Provider (Shared OSP-AP)"
    | "Shared Application Provider-AI Customer (Shared AP-AIC)"
    | "Shared across the supply chain";
  /**
   * The question id, e.g. `SEF-07.1`.
   */
  question: string;
  /**
   * Why.
   */
  rationale: string;
}
/**
 * The result for one auditing guideline.
 */
export interface GuidelineResult {
  /**
   * What the policy has that counts.
   */
  evidence?: string[];
  /**
   * A short label (this crate's paraphrase).
   */
  label: string;
  /**
   * What is missing.
   */
  missing?: string[];
  /**
   * The guideline's number in the control's auditing guidelines.
   */
  number: number;
  /**
   * Met, partly or not met.
   */
  status: "not_met" | "partly" | "met";
}
