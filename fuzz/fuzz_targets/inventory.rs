//! Inventories: the example AIBOM edited structurally (cycles, repeated ids, dangling
//! dependencies). Never a panic; an accepted inventory round-trips and answers
//! affected, blast-radius and rollback queries.
#![no_main]

use aiir::inventory::Inventory;
use aiir::{Document, Error};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[include_str!("../../examples/inventory/acme-aibom.json")];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, SEEDS) else { return };
    match Inventory::from_json(&text) {
        Ok(inventory) => {
            let again = Inventory::from_json(&inventory.to_json_pretty()).expect("re-validates");
            assert_eq!(again, inventory);
            let graph = inventory.graph().expect("a valid inventory has a graph");
            let any = semver::VersionReq::STAR;
            for a in &inventory.assets {
                let affected = graph.affected(&a.name, &any);
                for e in &affected.entries {
                    let path = affected.path(e);
                    assert!(!path.is_empty());
                }
                let _ = graph.rollback_target(&a.name, &any);
            }
            let _ = graph.blast_radius(inventory.assets.iter().map(|a| &a.id)).report();
        }
        Err(Error::Invalid(report)) => assert!(!report.is_empty(), "an error report lists a problem"),
        Err(other) => panic!("parsing gives a report, not {other}"),
    }
});
