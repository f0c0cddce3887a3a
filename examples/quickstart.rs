//! Load a seed incident, validate it, move it through its lifecycle and print the
//! verified timeline and response metrics.
//!
//! Run with `cargo run --example quickstart`.

use aiir::timeline::EventKind;
use aiir::{CompiledPolicy, Phase, ResponderId};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/incidents/support-bot-offensive-output.json"
    );
    let text = std::fs::read_to_string(path)?;

    // Parse + validate: structure, semantics, the timeline's hash chain, and the category
    // against the policy.
    let policy = CompiledPolicy::builtin();
    let mut incident = policy.incident_from_json(&text)?;
    let category = policy
        .category(&incident.category)
        .ok_or("category not in the built-in taxonomy")?;
    println!("{} — {}", incident.id, incident.title);
    println!(
        "category: {} ({:?}); ATLAS {:?}",
        category.name,
        category.domain,
        category.atlas.iter().map(|t| t.as_str()).collect::<Vec<_>>()
    );
    println!("phase: {}, severity: {:?}", incident.phase(), incident.severity);
    println!("\n{}", policy.assess(&incident)?);

    // Advance the lifecycle. Each move is checked against the transition table and
    // appended to the hash-chained timeline.
    let ic: ResponderId = "alice".parse()?;
    incident.transition(Phase::PostIncidentReview, "2026-03-16T09:00:00Z".parse()?, ic.clone())?;
    incident.record(
        "2026-03-18T15:00:00Z".parse()?,
        ic.clone(),
        EventKind::Note {
            text: "RCA: system prompt lacked instruction hierarchy; input filter added".into(),
        },
        Default::default(),
    )?;
    incident.transition(Phase::Closed, "2026-03-19T09:00:00Z".parse()?, ic.clone())?;

    // An illegal move is refused with the legal alternatives.
    if let Err(e) = incident.transition(Phase::Contained, "2026-03-19T10:00:00Z".parse()?, ic) {
        println!("refused: {e}");
    }

    incident.timeline().verify()?;
    println!("\ntimeline ({} events, chain verified):", incident.timeline().len());
    for e in incident.timeline().events() {
        println!(
            "  #{:<2} {}  {:<18} {:<17} {}",
            e.seq,
            e.at.format("%Y-%m-%d %H:%M"),
            e.actor,
            e.event.name(),
            e.hash.as_str().get(..12).unwrap_or_default()
        );
    }

    let m = incident.metrics();
    let minutes = |d: Option<chrono::TimeDelta>| d.map_or("-".to_owned(), |d| format!("{} min", d.num_minutes()));
    println!(
        "\ntime to acknowledge {}, contain {}, recover {}, close {}",
        minutes(m.time_to_acknowledge),
        minutes(m.time_to_contain),
        minutes(m.time_to_recover),
        minutes(m.time_to_close)
    );
    Ok(())
}
