//! BOM import (CycloneDX and SPDX): the specification's test BOMs and real generated
//! BOMs edited structurally (nested components, dependencies naming unknown refs, odd
//! versions, broken relationships). Never a panic; strict and lenient imports agree (a
//! strict import succeeds exactly when the lenient one skips nothing); every skipped
//! entry's pointer names a place in the BOM (the value, or the object missing it); and
//! what is imported is an inventory that validates and reads back unchanged.
#![no_main]

use aiir::Document;
use aiir::inventory::{ImportOptions, Inventory};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[
    include_str!("../../tests/fixtures/cyclonedx/valid-machine-learning-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-dependency-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-component-data-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-machine-learning-considerations-env-1.6.json"),
    include_str!("../../tests/fixtures/bom/cyclonedx/saasbom-apigateway.cdx-1.4.json"),
    include_str!("../../tests/fixtures/bom/cyclonedx/python-env.cdx-1.6.json"),
    include_str!("../../tests/fixtures/bom/spdx/co2-dataset.spdx3.json"),
    include_str!("../../tests/fixtures/bom/spdx/sentimentdemo-ai.spdx3.json"),
    include_str!("../../tests/fixtures/bom/spdx/acme.spdx-2.3.json"),
    include_str!("../../tests/fixtures/bom/spdx/examplemaven-enriched.spdx-2.3.json"),
];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, SEEDS) else { return };
    let strict = Inventory::import_bom(&text, None, ImportOptions::strict());
    let lenient = Inventory::import_bom(&text, None, ImportOptions::lenient());
    if let Ok(import) = &lenient {
        assert_eq!(strict.is_ok(), import.skipped.is_empty(), "strict fails exactly when lenient skips");
        let bom: serde_json::Value = serde_json::from_str(&text).expect("imported, so JSON");
        for p in &import.skipped {
            let parent = p.pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
            assert!(
                bom.pointer(&p.pointer).is_some() || bom.pointer(parent).is_some(),
                "{p} names no place in the BOM"
            );
        }
        let inventory = &import.inventory;
        inventory.validate().expect("an imported inventory validates");
        let again = Inventory::from_json(&inventory.to_json_pretty()).expect("an imported inventory reads back");
        assert_eq!(&again, inventory);
        let graph = inventory.graph().expect("a valid inventory has a graph");
        let _ = graph.blast_radius(inventory.assets.iter().map(|a| &a.id)).report();
    } else {
        assert!(strict.is_err(), "what strict imports, lenient imports");
    }
});
