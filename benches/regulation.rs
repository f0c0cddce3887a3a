//! Regulatory obligations for 100 000 varied incidents, under all eight built-in regimes
//! at once (more than any one organisation is subject to) and under a typical EU financial entity's four (GDPR, NIS2, DORA, the
//! AI Act), against deserializing the same incidents from JSON (measured in the same run;
//! the target is at most 0.5x).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::json::Map;
use aiir::regulation::{Regulation, RegulatoryProfile};
use aiir::timeline::{Determination, EventKind};
use aiir::{Harm, HarmKind, Incident, Jurisdiction};
use chrono::TimeDelta;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const N: usize = 100_000;

/// Varied incidents from the example files: jurisdictions, harms, determinations and
/// sent reports differ, so every regime takes several paths.
fn incidents() -> Vec<Incident> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/incidents/");
    let seeds: Vec<Incident> = [
        "support-bot-offensive-output.json",
        "agent-unauthorized-refunds.json",
        "bank-assistant-data-exposure.json",
    ]
    .iter()
    .map(|f| Incident::from_json(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap())
    .collect();
    let places: Vec<Vec<Jurisdiction>> = [
        &["DE"][..],
        &["US-CA", "US-NY"],
        &["FR", "EU"],
        &["US"],
        &[],
        &["NL", "US-TX"],
    ]
    .iter()
    .map(|list| list.iter().map(|j| j.parse().unwrap()).collect())
    .collect();
    let kinds = [
        HarmKind::Privacy,
        HarmKind::Death,
        HarmKind::CriticalInfrastructure,
        HarmKind::Rights,
        HarmKind::Financial,
    ];
    let whats = [
        Determination::Materiality,
        Determination::MajorIncident,
        Determination::SignificantIncident,
        Determination::ModelInvolvement,
        Determination::SeriousIncident,
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..N)
        .map(|i| {
            let mut inc = seeds[i % 3].clone();
            let r = next();
            // Awareness after every rule's start date (the AI Act's 2 August and the
            // CRA's 11 September 2026), so no rule stops at its start-date check.
            inc.times.aware_at = Some(
                "2026-09-20T06:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap()
                    + TimeDelta::minutes((r % 10_000) as i64),
            );
            inc.jurisdictions = places[(r % 6) as usize].clone();
            inc.impact.users_affected = Some(r % 5_000);
            inc.impact
                .harms
                .push(Harm::new(kinds[((r >> 8) % 5) as usize]).with_records((r >> 16) % 100_000));
            let last = inc.timeline().events().last().unwrap().at;
            let at = last + TimeDelta::minutes(((r >> 24) % 600) as i64);
            inc.record(
                at,
                "legal".parse().unwrap(),
                EventKind::Determined {
                    what: whats[((r >> 32) % 5) as usize],
                    holds: None,
                    rationale: None,
                },
                Map::new(),
            )
            .unwrap();
            inc
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let profile = RegulatoryProfile::new(aiir::regulation::builtin_rules().rules.iter().map(|r| r.regime.clone()));
    let regulation = Regulation::new(&profile).unwrap();
    let incidents = incidents();
    let texts: Vec<String> = incidents.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
    let avg = texts.iter().map(String::len).sum::<usize>() / texts.len();
    let now = "2026-10-02T00:00:00Z".parse().unwrap();
    let owed: usize = incidents
        .iter()
        .map(|i| regulation.obligations(i, now).obligations.len())
        .sum();
    eprintln!("{N} incidents, average {avg} bytes of JSON, {owed} obligations in all");

    let mut many = c.benchmark_group("regulation_100k");
    many.sample_size(10);
    many.throughput(Throughput::Elements(N as u64));
    many.bench_function("baseline_deserialize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| serde_json::from_str::<Incident>(t).unwrap().jurisdictions.len())
                .sum::<usize>()
        })
    });
    many.bench_function("obligations_all_8_regimes", |b| {
        b.iter(|| {
            incidents
                .iter()
                .map(|i| regulation.obligations(black_box(i), now).obligations.len())
                .sum::<usize>()
        })
    });
    let four = Regulation::new(&RegulatoryProfile::new(
        ["gdpr-art33", "nis2-art23", "dora", "eu-ai-act-art73"].map(|r| r.parse().unwrap()),
    ))
    .unwrap();
    many.bench_function("obligations_4_regimes", |b| {
        b.iter(|| {
            incidents
                .iter()
                .map(|i| four.obligations(black_box(i), now).obligations.len())
                .sum::<usize>()
        })
    });
    many.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
