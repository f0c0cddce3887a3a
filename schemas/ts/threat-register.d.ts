/* Generated from schemas/threat-register.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * A CVSS v3.0, v3.1 or v4.0 vector string, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.
 */
export type CvssVector = string;
/**
 * asset id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type AssetId = string;
/**
 * MITRE ATLAS technique id: `AML.T` and four digits, optionally `.` and three digits (e.g. `AML.T0051.001`).
 */
export type AtlasTechniqueId = string;
/**
 * OWASP agentic Top 10 id: `ASI01` to `ASI10`.
 */
export type OwaspAgenticId = string;
/**
 * OWASP LLM Top 10 id: `LLM01` to `LLM10`, a colon and the edition year (e.g. `LLM01:2025`).
 */
export type OwaspLlmId = string;
/**
 * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type PartyId = string;
/**
 * An actor of the AI supply chain in the CSA AI Controls Matrix shared security
 * responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
 * `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
 *
 * - `CSP`: Cloud Service Provider: the AI processing infrastructure.
 * - `MP`: Model Provider: develops, trains and distributes the model.
 * - `OSP`: Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
 * - `AP`: Application Provider: the end-user AI application.
 * - `AIC`: AI Customer: the organisation or person using the AI application.
 */
export type Actor = "CSP" | "MP" | "OSP" | "AP" | "AIC";

/**
 * A threat register document (schema `urn:aiir:schema:threat-register:1`).
 */
export interface ThreatRegister {
  /**
   * Host data; kept as is and written back unchanged.
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * Candidate mitigations.
   */
  mitigations?: Mitigation[];
  /**
   * The register's name.
   */
  name: string;
  /**
   * The schema version of this document (semver; the major must be 1).
   */
  schema_version: string;
  /**
   * The threats.
   */
  threats: Threat[];
}
/**
 * A mitigation: what it costs and which threats it reduces.
 */
export interface Mitigation {
  /**
   * Cost in any consistent unit (money, person-days); must be positive.
   */
  cost: number;
  /**
   * Unique among mitigations.
   */
  id: string;
  /**
   * The threats it reduces.
   */
  reduces: Reduction[];
  /**
   * What it is.
   */
  title: string;
}
/**
 * How much a mitigation reduces one threat's risk.
 */
export interface Reduction {
  /**
   * The fraction of its risk removed, in (0, 1]. Several mitigations combine
   * multiplicatively: residual = risk × Π(1 − fraction).
   */
  fraction: number;
  /**
   * The threat.
   */
  threat: string;
}
/**
 * A threat to an AI system.
 */
export interface Threat {
  assessments?: ThreatAssessments;
  /**
   * Affected assets.
   */
  assets?: AssetId[];
  /**
   * MITRE ATLAS techniques.
   */
  atlas?: AtlasTechniqueId[];
  /**
   * What the threat is.
   */
  description?: string;
  /**
   * Unique within the register.
   */
  id: string;
  /**
   * OWASP agentic Top 10 IDs.
   */
  owasp_agentic?: OwaspAgenticId[];
  /**
   * OWASP LLM Top 10 IDs.
   */
  owasp_llm?: OwaspLlmId[];
  /**
   * The concrete party that owns it, if known.
   */
  owner_party?: PartyId | null;
  /**
   * The SSRM actors that own the response.
   */
  owners?: Actor[];
  /**
   * Where it stands.
   */
  status?: "open" | "mitigating" | "accepted" | "transferred" | "closed";
  /**
   * A one-line title.
   */
  title: string;
}
/**
 * Assessments per method.
 */
export interface ThreatAssessments {
  /**
   * A CVSS v3.x or v4.0 vector.
   */
  cvss?: CvssVector | null;
  /**
   * An EPSS observation.
   */
  epss?: Epss | null;
  /**
   * A NIST SP 800-30 assessment.
   */
  nist?: Nist80030 | null;
  /**
   * An OWASP Risk Rating.
   */
  owasp?: OwaspRiskRating | null;
  /**
   * SSVC decisions, one per decision table.
   */
  ssvc?: SsvcAssessment[];
}
/**
 * An EPSS observation (FIRST): probability of exploitation in the next 30 days and
 * percentile, as of a date (EPSS changes daily; nothing is fetched).
 */
export interface Epss {
  /**
   * The date of the observation.
   */
  date: string;
  /**
   * Percentile, 0.0–1.0.
   */
  percentile: number;
  /**
   * Probability, 0.0–1.0.
   */
  probability: number;
}
/**
 * A NIST SP 800-30 assessment: likelihood that a threat event occurs and results in
 * adverse impact, and the level of impact.
 */
export interface Nist80030 {
  /**
   * Level of impact.
   */
  impact: "very_low" | "low" | "moderate" | "high" | "very_high";
  /**
   * Overall likelihood.
   */
  likelihood: "very_low" | "low" | "moderate" | "high" | "very_high";
}
/**
 * An OWASP Risk Rating: likelihood factors, technical impact, and business impact when known.
 */
export interface OwaspRiskRating {
  /**
   * The business impact factors; used instead of technical impact when given, as the
   * methodology recommends.
   */
  business_impact?: BusinessImpact | null;
  likelihood: OwaspLikelihood;
  technical_impact: TechnicalImpact;
}
/**
 * The four business-impact factors.
 */
export interface BusinessImpact {
  /**
   * Financial damage.
   */
  financial: number;
  /**
   * Non-compliance.
   */
  non_compliance: number;
  /**
   * Privacy violation.
   */
  privacy: number;
  /**
   * Reputation damage.
   */
  reputation: number;
}
/**
 * The likelihood factors.
 */
export interface OwaspLikelihood {
  /**
   * Awareness (1 unknown … 9 public knowledge).
   */
  awareness: number;
  /**
   * Ease of discovery (1 practically impossible … 9 automated tools available).
   */
  ease_of_discovery: number;
  /**
   * Ease of exploit (1 theoretical … 9 automated tools available).
   */
  ease_of_exploit: number;
  /**
   * Intrusion detection (1 active detection … 9 not logged).
   */
  intrusion_detection: number;
  /**
   * Motive (1 low … 9 high reward).
   */
  motive: number;
  /**
   * Opportunity (0 full access needed … 9 no access needed).
   */
  opportunity: number;
  /**
   * Size of the threat-agent group (2 developers … 9 anonymous internet users).
   */
  size: number;
  /**
   * Skill level (1 no technical skills … 9 security penetration skills).
   */
  skill_level: number;
}
/**
 * The technical impact factors.
 */
export interface TechnicalImpact {
  /**
   * Loss of accountability.
   */
  accountability: number;
  /**
   * Loss of availability.
   */
  availability: number;
  /**
   * Loss of confidentiality.
   */
  confidentiality: number;
  /**
   * Loss of integrity.
   */
  integrity: number;
}
/**
 * An SSVC assessment against one decision table.
 */
export interface SsvcAssessment {
  selections: SsvcSelection;
  /**
   * The decision table's id, `namespace:key:version`, e.g. `cisa:DT_CO:2.0.3`.
   */
  table: string;
}
/**
 * The chosen value per decision point.
 */
export interface SsvcSelection {
  [k: string]: string;
}
