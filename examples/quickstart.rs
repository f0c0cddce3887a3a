//! Triage the seed scenario — a support chatbot, steered by injected instructions, emits
//! offensive output — with the built-in policy, and print what a responder reads first:
//! what it is and how bad, who owns it, what to do next, who is paged, what must be
//! reported by when, the SLA clocks, and which systems run the compromised system prompt
//! with the version to roll back to.
//!
//! Run with `cargo run --example quickstart` (add `-- --markdown` for the full brief).

use aiir::CompiledPolicy;
use aiir::inventory::Inventory;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!(
        "{dir}/examples/incidents/support-bot-offensive-output-at-triage.json"
    ))?;
    let aibom = std::fs::read_to_string(format!("{dir}/examples/inventory/acme-aibom.json"))?;

    // Compile the policy once per process; parse and validate the incident (structure,
    // semantics, the timeline's hash chain, the category against the policy).
    let policy = CompiledPolicy::builtin();
    // The incident as it stood at triage (09:26): acknowledged, severity raised, and the
    // system prompt 3.1.0 named as compromised (`"compromised": ">=3.1.0"`).
    let incident = policy.incident_from_json(&text)?;

    let inventory = Inventory::from_json(&aibom)?;
    let graph = inventory.graph()?;
    let now = "2026-03-14T09:30:00Z".parse()?;
    let triage = policy.triage_with_inventory(&incident, now, &graph)?;

    if std::env::args().any(|a| a == "--markdown") {
        print!("{}", triage.to_markdown());
    } else {
        print!("{triage}");
        println!("\nThe full brief: cargo run --example quickstart -- --markdown");
    }
    Ok(())
}
