//! CycloneDX import: the specification's test BOMs edited structurally (nested
//! components, dependencies naming unknown refs, odd versions). Never a panic; an
//! imported BOM is an inventory that validates (and then reads back unchanged) or
//! names its problems.
#![no_main]

use aiir::Document;
use aiir::inventory::Inventory;
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[
    include_str!("../../tests/fixtures/cyclonedx/valid-machine-learning-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-dependency-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-component-data-1.6.json"),
    include_str!("../../tests/fixtures/cyclonedx/valid-machine-learning-considerations-env-1.6.json"),
];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, SEEDS) else { return };
    if let Ok(inventory) = Inventory::from_cyclonedx(&text) {
        if inventory.validate().is_ok() {
            // What imports and validates reads back as the same inventory.
            let again = Inventory::from_json(&inventory.to_json_pretty()).expect("an imported inventory reads back");
            assert_eq!(again, inventory);
            let graph = inventory.graph().expect("a valid inventory has a graph");
            let _ = graph.blast_radius(inventory.assets.iter().map(|a| &a.id)).report();
        }
    }
});
