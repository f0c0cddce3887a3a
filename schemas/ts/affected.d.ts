/* Generated from schemas/affected.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

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
 * A semantic version (SemVer 2.0.0) such as `1.2.3` or `2.6.0-rc.1`: numbers without leading zeros, each at most 18446744073709551615.
 */
export type SemVer = string;
/**
 * asset id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type AssetId = string;

/**
 * The affected assets as a document.
 */
export interface AffectedReport {
  /**
   * Deployed first, then by distance, then id.
   */
  affected: AffectedEntry[];
}
/**
 * One line of an [`AffectedReport`].
 */
export interface AffectedEntry {
  /**
   * The asset.
   */
  asset: string;
  /**
   * Where it is deployed.
   */
  deployed?: string[];
  /**
   * Hops to the compromised asset.
   */
  depth: number;
  /**
   * Its kind.
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
   * Its SSRM layer.
   */
  layer?: Layer | null;
  /**
   * Its name.
   */
  name: string;
  /**
   * Who supplies it.
   */
  owner?: AffectedOwner | null;
  /**
   * Its version.
   */
  version?: SemVer | null;
  /**
   * The next asset on its shortest dependency path to a compromised asset (absent for
   * a compromised asset). Following `via` from entry to entry rebuilds the path; the
   * report does not repeat whole paths, so its size stays linear in the assets.
   */
  via?: AssetId | null;
}
/**
 * The owner of an affected asset.
 */
export interface AffectedOwner {
  /**
   * Its name.
   */
  name: string;
  /**
   * The party.
   */
  party: string;
  /**
   * Its SSRM roles.
   */
  roles?: Actor[];
}
