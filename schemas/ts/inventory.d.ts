/* Generated from schemas/inventory.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * An architectural layer of the AI stack: the AICM ownership columns. On the wire:
 * `processing_infrastructure` (the matrix's "Cloud / AI processing infrastructure", PI),
 * `model`, `orchestrated_services` and `application`.
 *
 * - `processing_infrastructure`: Cloud / AI processing infrastructure (the AICM "PI" column).
 * - `model`: The model.
 * - `orchestrated_services`: Orchestrated services: orchestration, agents, retrieval, tools.
 * - `application`: The application.
 */
export type Layer = "processing_infrastructure" | "model" | "orchestrated_services" | "application";
/**
 * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type PartyId = string;
/**
 * A semantic version (SemVer 2.0.0) such as `1.2.3` or `2.6.0-rc.1`: numbers without leading zeros, each at most 18446744073709551615.
 */
export type SemVer = string;
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
 * An inventory (AIBOM) document (schema `urn:aiir:schema:inventory:1`).
 */
export interface Inventory {
  /**
   * The assets, one entry per version.
   */
  assets: Asset[];
  /**
   * Dependencies between assets.
   */
  dependencies?: Dependency[];
  /**
   * Host data; kept as is and written back unchanged.
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * The inventory's name.
   */
  name: string;
  /**
   * Parties that supply or operate assets.
   */
  parties?: InventoryParty[];
  /**
   * The schema version of this document (semver; the major must be 1).
   */
  schema_version: string;
}
/**
 * One asset version in the inventory.
 */
export interface Asset {
  /**
   * Where it is deployed, e.g. `production`; empty when not deployed.
   */
  environments?: string[];
  /**
   * Host or source data, kept as is (an imported CycloneDX component lives here).
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * Unique in the inventory, e.g. `chat-model@2.5.1`.
   */
  id: string;
  /**
   * What kind of asset.
   */
  kind:
    | "model"
    | "dataset"
    | "prompt"
    | "vector_store"
    | "agent"
    | "tool"
    | "application"
    | "service"
    | "infrastructure"
    | "identity"
    | "data"
    | "library"
    | "other";
  /**
   * The SSRM layer it belongs to.
   */
  layer?: Layer | null;
  /**
   * The asset's name, shared by its versions, e.g. `chat-model`.
   */
  name: string;
  /**
   * Its package URL (`pkg:npm/lodash@4.17.21`), when known; `affected` and
   * `rollback_target` also find an asset by its purl without version
   * (`pkg:npm/lodash`).
   */
  purl?: string | null;
  /**
   * The source's own type name when `kind` is `other` (e.g. a CycloneDX type).
   */
  source_type?: string | null;
  /**
   * Registry status.
   */
  status?: "released" | "known_good" | "revoked";
  /**
   * The party that supplies it.
   */
  supplier?: PartyId | null;
  /**
   * The version (semver).
   */
  version?: SemVer | null;
  /**
   * The version as the source wrote it, when it was not semver (e.g. CycloneDX `1.4`).
   */
  version_text?: string | null;
}
/**
 * `from` depends on `to`.
 */
export interface Dependency {
  /**
   * The dependent asset.
   */
  from: string;
  /**
   * How.
   */
  kind:
    | "uses_model"
    | "trained_on"
    | "fine_tuned_from"
    | "retrieves_from"
    | "calls_tool"
    | "uses_prompt"
    | "runs_on"
    | "depends_on";
  /**
   * The asset it depends on.
   */
  to: string;
}
/**
 * A supplier or operator of assets and the SSRM roles it plays.
 */
export interface InventoryParty {
  /**
   * Its security contact.
   */
  contact?: Contact | null;
  /**
   * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  id: string;
  /**
   * Its name.
   */
  name: string;
  /**
   * The SSRM roles it plays.
   */
  roles?: Actor[];
}
/**
 * A person or organisation to contact.
 */
export interface Contact {
  /**
   * E-mail address.
   */
  email?: string | null;
  /**
   * Name of the person or function.
   */
  name: string;
  /**
   * Organisation.
   */
  organization?: string | null;
  /**
   * Phone number.
   */
  phone?: string | null;
  /**
   * Role or capacity, e.g. `provider`, `deployer`, `security contact`.
   */
  role?: string | null;
}
