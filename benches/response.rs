//! The response plan (playbook selection, steps with due times and status from the
//! timeline, next actions) and the SLA clocks, for one incident and for 100 000 varied
//! incidents with the compiled built-in policy, against deserializing the same incidents
//! from JSON (measured in the same run; the target is at most 0.5x).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::{CompiledPolicy, Incident};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "common/varied.rs"]
mod varied;
use varied::{N, incidents};

fn bench(c: &mut Criterion) {
    let policy = CompiledPolicy::builtin();
    let incidents = incidents(policy);
    let texts: Vec<String> = incidents.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
    let avg = texts.iter().map(String::len).sum::<usize>() / texts.len();
    let now = "2026-10-02T00:00:00Z".parse().unwrap();
    let steps: usize = incidents
        .iter()
        .map(|i| policy.respond(i, now).unwrap().steps.len())
        .sum();
    eprintln!("{N} incidents, average {avg} bytes of JSON, {steps} planned steps in all");

    let mut one = c.benchmark_group("response_one");
    let (inc, text) = (&incidents[1], &texts[1]);
    one.bench_function("baseline_deserialize", |b| {
        b.iter(|| {
            serde_json::from_str::<Incident>(black_box(text))
                .unwrap()
                .timeline()
                .len()
        })
    });
    one.bench_function("plan_next_actions_sla", |b| {
        b.iter(|| {
            let plan = policy.respond(black_box(inc), now).unwrap();
            plan.next_actions().ready.len() + plan.sla.len()
        })
    });
    one.finish();

    let mut many = c.benchmark_group("response_100k");
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
    many.bench_function("plan_next_actions_sla", |b| {
        b.iter(|| {
            incidents
                .iter()
                .map(|i| {
                    let plan = policy.respond(black_box(i), now).unwrap();
                    plan.next_actions().ready.len() + plan.sla.len()
                })
                .sum::<usize>()
        })
    });
    many.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
