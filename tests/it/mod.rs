mod autotraits;
#[cfg(feature = "cli")]
mod cli;
mod escalation;
mod examples;
mod inventory;
mod ownership;
mod roundtrip;
mod schemas;
mod seeds;
mod severity;
mod taxonomy_refs;
mod threat;
mod validation;

use std::path::{Path, PathBuf};

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
