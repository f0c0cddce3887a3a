//! Full triage (category, assessment, owners per layer, response plan, page schedule,
//! obligations, SLA clocks) of one incident and of 100 000 varied incidents with the
//! compiled built-in policy under an EU regulatory profile (GDPR, AI Act, NIS2, DORA),
//! against deserializing the same incidents from JSON in the same run. The issue's
//! target: a full triage costs at most 2x deserializing the incident. The parts are
//! measured one by one too, to show where the time goes.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::regulation::RegulatoryProfile;
use aiir::{CompiledPolicy, Incident, Policy};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "common/varied.rs"]
mod varied;
use varied::{N, incidents};

fn eu_policy() -> CompiledPolicy {
    let mut p = Policy::builtin().clone();
    p.regulation = Some(RegulatoryProfile::new(
        ["gdpr-art33", "eu-ai-act-art73", "nis2-art23", "dora"].map(|r| r.parse().unwrap()),
    ));
    p.compile().unwrap()
}

fn bench(c: &mut Criterion) {
    let policy = eu_policy();
    let incidents = incidents(&policy);
    let texts: Vec<String> = incidents.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
    let avg = texts.iter().map(String::len).sum::<usize>() / texts.len();
    let now = "2026-10-02T00:00:00Z".parse().unwrap();
    let owed: usize = incidents
        .iter()
        .map(|i| policy.triage(i, now).unwrap().obligations.obligations.len())
        .sum();
    eprintln!("{N} incidents, average {avg} bytes of JSON, {owed} obligations in all");

    let mut one = c.benchmark_group("triage_one");
    let (inc, text) = (&incidents[1], &texts[1]);
    one.bench_function("baseline_deserialize", |b| {
        b.iter(|| {
            serde_json::from_str::<Incident>(black_box(text))
                .unwrap()
                .timeline()
                .len()
        })
    });
    one.bench_function("triage", |b| {
        b.iter(|| policy.triage(black_box(inc), now).unwrap().sla.len())
    });
    // The parts, for "where the time goes".
    one.bench_function("part_assess", |b| {
        b.iter(|| policy.assess(black_box(inc)).unwrap().severity)
    });
    one.bench_function("part_respond", |b| {
        b.iter(|| policy.respond(black_box(inc), now).unwrap().steps.len())
    });
    one.bench_function("part_pages", |b| {
        b.iter(|| policy.plan(black_box(inc), inc.times.detected_at).unwrap().pages.len())
    });
    one.bench_function("part_obligations", |b| {
        b.iter(|| policy.obligations(black_box(inc), now).obligations.len())
    });
    one.bench_function("part_raci", |b| {
        b.iter(|| policy.raci(black_box(inc)).unwrap().responsible.len())
    });
    one.finish();

    let mut many = c.benchmark_group("triage_100k");
    many.sample_size(10);
    many.throughput(Throughput::Elements(N as u64));
    many.bench_function("baseline_deserialize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| serde_json::from_str::<Incident>(t).unwrap().timeline().len())
                .sum::<usize>()
        })
    });
    many.bench_function("triage", |b| {
        b.iter(|| {
            incidents
                .iter()
                .map(|i| policy.triage(black_box(i), now).unwrap().sla.len())
                .sum::<usize>()
        })
    });
    many.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
