//! Hostile input: for each document kind, an adversarial document against a valid
//! document of about the same byte size, loaded in the same run (parse + validate; for
//! inventories and escalation policies also building the graph; BOMs imported and
//! validated). The adversarial documents are those of `tests/common/hostile.rs` (nested
//! conditions at the depth limit with invalid leaves, one id repeated, every item
//! malformed, teams nesting with repeated members, one long dependency cycle, deeply
//! nested BOM components, a calendar closed every day for months under 10,000-business-day
//! clocks, a 1,000-step playbook with 50 dependencies per step, planned and driven). The goal: every ratio ≤ 10×, on the fast path (valid
//! adversarial documents) and the all-errors path (invalid ones).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use aiir::escalation::EscalationPolicy;
use aiir::inventory::Inventory;
use aiir::threat::ThreatRegister;
use aiir::{Document, Incident, Policy};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[path = "../tests/common/hostile.rs"]
mod docs;

use docs::Kind;

/// Loads a document of `kind`; `true` when valid.
fn load(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Incident => Incident::from_json(text).is_ok(),
        Kind::Policy => Policy::from_json(text).is_ok(),
        Kind::ThreatRegister => ThreatRegister::from_json(text).is_ok(),
        Kind::Inventory => Inventory::from_json(text).and_then(|i| i.graph().map(drop)).is_ok(),
        Kind::EscalationPolicy => EscalationPolicy::from_json(text)
            .and_then(EscalationPolicy::build)
            .is_ok(),
        Kind::EscalationOps => EscalationPolicy::from_json(text)
            .and_then(EscalationPolicy::build)
            .and_then(|g| {
                let start = "2026-01-05T10:00:00Z".parse().expect("time");
                g.plan(
                    &aiir::escalation::IncidentFacts::new("x".parse().expect("id"), aiir::Severity::High),
                    start,
                )
                .map(drop)?;
                g.coverage(start, 7).map(drop)
            })
            .is_ok(),
        Kind::CycloneDx => Inventory::from_cyclonedx(text).and_then(|i| i.validate()).is_ok(),
        Kind::Response => Policy::from_json(text)
            .and_then(|p| p.compile())
            .and_then(|p| docs::respond_and_drive(&p))
            .is_ok_and(|n| n > 0),
        Kind::Triage => docs::triage_with_chain(text).is_ok(),
        Kind::Cacao => aiir::interop::cacao::playbook_from_cacao(text, aiir::CompiledPolicy::builtin()).is_ok(),
        Kind::Obligations => Policy::from_json(text)
            .and_then(|p| p.compile())
            .map(|p| {
                let incident = Incident::from_json(&docs::read(docs::OBLIGATIONS_INCIDENT)).expect("example");
                p.obligations(&incident, "2026-09-15T00:00:00Z".parse().expect("time"))
                    .obligations
                    .len()
            })
            .is_ok_and(|n| n > 0),
    }
}

fn bench(c: &mut Criterion) {
    // About 20 000 repeated items per document (a few MB): the size a large real
    // register or inventory reaches.
    let scale: usize = std::env::var("AIIR_HOSTILE_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for case in docs::cases(scale) {
        eprintln!(
            "{}: adversarial {} bytes ({}), valid {} bytes",
            case.name,
            case.hostile.len(),
            if case.hostile_is_valid { "valid" } else { "invalid" },
            case.valid.len()
        );
        assert_eq!(load(case.kind, &case.hostile), case.hostile_is_valid, "{}", case.name);
        assert!(load(case.kind, &case.valid), "{}", case.name);
        group.bench_with_input(BenchmarkId::new(case.name, "valid"), &case.valid, |b, text| {
            b.iter(|| load(case.kind, black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new(case.name, "adversarial"), &case.hostile, |b, text| {
            b.iter(|| load(case.kind, black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
