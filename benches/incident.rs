//! Parse + validate a realistic incident (≈4 KB, 20 timeline events) against plain typed
//! deserialization of the same text. The ratio is what matters: both run in one process.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::incident::{AffectedAsset, AssetKind, Detection, DetectionSource};
use aiir::timeline::{ActionOutcome, EventKind};
use aiir::{BlastRadius, CompiledPolicy, Harm, HarmKind, Impact, Incident, Phase, ResponderId};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Map;
use std::hint::black_box;

/// A compact but realistic incident: impact facts, two affected assets, a party and a
/// 20-event timeline (detection, acknowledgement, phase changes, actions, notes).
fn realistic() -> String {
    let t = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let by = ResponderId::new("oncall").unwrap();
    let mut inc = Incident::new(
        "INC-2026-0107".parse().unwrap(),
        "Refund agent issues unauthorized refunds",
        "rogue_agent".parse().unwrap(),
        Detection::new(DetectionSource::AutomatedMonitoring),
        t("2026-05-02T16:45:00Z"),
        by.clone(),
    )
    .with_summary("The order agent refunded orders that did not qualify.")
    .with_impact(
        Impact::default()
            .with_blast_radius(BlastRadius::SingleTenant)
            .with_harms([Harm::new(HarmKind::Financial).with_description("412 refunds paid without authorization")])
            .with_users_affected(412u64)
            .with_autonomy(aiir::Autonomy::BoundedAgent),
    )
    .with_affected([
        AffectedAsset::new("order-agent".parse().unwrap(), AssetKind::Agent)
            .with_version(semver::Version::new(1, 8, 0))
            .with_environment("production"),
        AffectedAsset::new("refund-tool".parse().unwrap(), AssetKind::Tool).with_version(semver::Version::new(0, 9, 2)),
    ]);
    let mut at = t("2026-05-02T16:50:00Z");
    inc.record(
        at,
        by.clone(),
        EventKind::Acknowledged { responder: by.clone() },
        Map::new(),
    )
    .unwrap();
    for phase in [Phase::Triaged, Phase::Contained] {
        at += chrono::TimeDelta::minutes(5);
        inc.transition(phase, at, by.clone()).unwrap();
    }
    let mut n = 0;
    while inc.timeline().len() < 20 {
        at += chrono::TimeDelta::minutes(7);
        n += 1;
        let event = if n % 2 == 0 {
            EventKind::Note {
                text: format!("reconciled batch {n}"),
            }
        } else {
            EventKind::action_executed(format!("reverse_batch_{n}"), true, ActionOutcome::Succeeded)
        };
        inc.record(at, by.clone(), event, Map::new()).unwrap();
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
    let policy = CompiledPolicy::builtin();
    g.bench_function("validate_incident", |b| {
        b.iter(|| policy.incident_from_json(black_box(&text)).unwrap())
    });
    g.bench_function("validate_incident_invalid_all_errors", |b| {
        b.iter(|| policy.incident_from_json(black_box(&bad)).unwrap_err())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
