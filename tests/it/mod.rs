mod autotraits;
mod bom_import;
mod cacao;
#[cfg(feature = "cli")]
mod cli;
mod differential;
mod escalation;
mod examples;
mod hash_vectors;
mod hostile;
#[path = "../common/hostile.rs"]
pub(crate) mod hostile_docs;
mod interop;
mod inventory;
mod layering;
mod lint;
mod ownership;
mod regulation;
mod response;
mod roundtrip;
mod rust_api;
mod schemas;
mod seeds;
mod severity;
mod taxonomy_refs;
mod threat;
mod triage;
mod validation;

use std::path::{Path, PathBuf};

use aiir::escalation::{EscalationGraph, EscalationPolicy};
use aiir::inventory::Inventory;
use aiir::threat::ThreatRegister;
use aiir::{CompiledPolicy, Error, Incident, Policy, ValidationReport};

/// The report inside an `Error::Invalid` (any other error fails the test).
pub(crate) fn report(e: Error) -> ValidationReport {
    match e {
        Error::Invalid(r) => r,
        other => panic!("expected a validation report, got {other}"),
    }
}

/// Parses an incident and checks its category against the built-in policy.
pub(crate) fn validate_incident(json: &str) -> Result<Incident, ValidationReport> {
    CompiledPolicy::builtin().incident_from_json(json).map_err(report)
}

pub(crate) fn validate_policy(json: &str) -> Result<Policy, ValidationReport> {
    Policy::from_json(json).map_err(report)
}

pub(crate) fn validate_threat_register(json: &str) -> Result<ThreatRegister, ValidationReport> {
    ThreatRegister::from_json(json).map_err(report)
}

pub(crate) fn validate_inventory(json: &str) -> Result<Inventory, ValidationReport> {
    Inventory::from_json(json).map_err(report)
}

pub(crate) fn validate_escalation(json: &str) -> Result<EscalationGraph, ValidationReport> {
    EscalationPolicy::from_json(json)
        .and_then(EscalationPolicy::build)
        .map_err(report)
}

/// Path relative to the crate root.
pub(crate) fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `true` when checked-in generated files should be rewritten instead of compared.
pub(crate) fn updating() -> bool {
    std::env::var_os("AIIR_UPDATE").is_some()
}

/// Compares `actual` with the file at `rel`, or rewrites it when `AIIR_UPDATE` is set.
pub(crate) fn assert_file(rel: &str, actual: &str) {
    let path = root(rel);
    if updating() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e} (run with AIIR_UPDATE=1 to create it)"));
    assert!(
        expected == actual,
        "{rel} is out of date: regenerate with `AIIR_UPDATE=1 cargo test --all-features`"
    );
}
