//! The response plan (playbook selection, steps with due times and status from the
//! timeline, next actions) and the SLA clocks, for one incident and for 100 000 varied
//! incidents with the compiled built-in policy, against deserializing the same incidents
//! from JSON (measured in the same run; the target is at most 0.5x).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::incident::{AffectedAsset, AssetKind};
use aiir::json::Map;
use aiir::response::{ActionExecutor, ActionRequest, ApprovalRequest, Decision, DriveOptions, Execution};
use aiir::timeline::EventKind;
use aiir::{CompiledPolicy, Incident, Sha256Digest};
use chrono::TimeDelta;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const N: usize = 100_000;

/// A host that does everything at once and approves everything.
struct Host;

impl ActionExecutor for Host {
    fn execute(&mut self, _: &ActionRequest<'_>) -> Execution {
        Execution::succeeded().with_sha256(Sha256Digest::of(b"preserved"))
    }
    fn approve(&mut self, _: &ApprovalRequest<'_>) -> Decision {
        Decision::Approved {
            by: "ic".parse().unwrap(),
        }
    }
}

/// Varied incidents: the example files moved through every built-in category, with
/// architectures from their assets, and a share of them part-way through their
/// playbook (driven at a random point), so plans read real step events.
fn incidents(policy: &CompiledPolicy) -> Vec<Incident> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/incidents/");
    let seeds: Vec<Incident> = [
        "support-bot-offensive-output.json",
        "agent-unauthorized-refunds.json",
        "bank-assistant-data-exposure.json",
    ]
    .iter()
    .map(|f| Incident::from_json(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap())
    .collect();
    let categories: Vec<_> = policy
        .policy()
        .taxonomy
        .categories
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let kinds = [
        AssetKind::VectorStore,
        AssetKind::Model,
        AssetKind::Tool,
        AssetKind::Prompt,
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
            inc.category = categories[(r % categories.len() as u64) as usize].clone();
            inc.affected.push(AffectedAsset::new(
                "extra".parse().unwrap(),
                kinds[((r >> 8) % 4) as usize],
            ));
            let last = inc.timeline().events().last().unwrap().at;
            if (r >> 16) % 3 == 0 {
                let at = last + TimeDelta::minutes(((r >> 24) % 600) as i64);
                policy
                    .drive(&mut inc, &mut Host, &DriveOptions::new(at, "aiir".parse().unwrap()))
                    .unwrap();
            } else {
                inc.record(
                    last + TimeDelta::minutes(5),
                    "comms".parse().unwrap(),
                    EventKind::NotificationSent {
                        recipient: "incident-team".into(),
                        regime: None,
                        report: None,
                        reference: None,
                    },
                    Map::new(),
                )
                .unwrap();
            }
            inc
        })
        .collect()
}

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
