//! Parse + validate a realistic incident (≈4 KB, 20 timeline events) against plain typed
//! deserialization of the same text. The ratio is what matters: both run in one process.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::{ActionOutcome, EventKind, Incident, ResponderId};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Map;
use std::hint::black_box;

fn realistic() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/incidents/agent-unauthorized-refunds.json"
    ))
    .unwrap();
    let mut inc = aiir::validate_incident(&text).unwrap();
    let by = ResponderId::new("ai-security-oncall").unwrap();
    let mut at = inc.timeline.last().unwrap().at;
    let mut n = 0;
    while inc.timeline.len() < 20 {
        at += chrono::TimeDelta::minutes(7);
        n += 1;
        let event = if n % 2 == 0 {
            EventKind::Note {
                text: format!("finance reconciled batch {n} of refunds"),
            }
        } else {
            EventKind::ActionExecuted {
                action: format!("reverse_refund_batch_{n}"),
                automated: true,
                outcome: ActionOutcome::Succeeded,
            }
        };
        let mut details = Map::new();
        details.insert("batch".into(), n.into());
        inc.record(at, by.clone(), event, details).unwrap();
    }
    serde_json::to_string(&inc).unwrap()
}

fn bench(c: &mut Criterion) {
    let text = realistic();
    eprintln!("incident document: {} bytes, 20 timeline events", text.len());
    let mut bad = text.clone();
    bad = bad.replacen("\"rogue_agent\"", "\"Rogue Agent\"", 1);
    let mut g = c.benchmark_group("incident");
    g.bench_function("baseline_serde_from_str", |b| {
        b.iter(|| serde_json::from_str::<Incident>(black_box(&text)).unwrap())
    });
    g.bench_function("validate_incident", |b| {
        b.iter(|| aiir::validate_incident(black_box(&text)).unwrap())
    });
    g.bench_function("validate_incident_invalid_all_errors", |b| {
        b.iter(|| aiir::validate_incident(black_box(&bad)).unwrap_err())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
