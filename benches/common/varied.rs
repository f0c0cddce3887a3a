//! Varied incidents for the benches: the example files moved through every built-in
//! category, a share of them part-way through their playbook.
#![allow(dead_code)]

use aiir::incident::{AffectedAsset, AssetKind};
use aiir::json::Map;
use aiir::response::{ActionExecutor, ActionRequest, ApprovalRequest, Decision, DriveOptions, Execution};
use aiir::timeline::EventKind;
use aiir::{CompiledPolicy, Incident, Sha256Digest};
use chrono::TimeDelta;

pub(crate) const N: usize = 100_000;

/// A host that does everything at once and approves everything.
pub(crate) struct Host;

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
pub(crate) fn incidents(policy: &CompiledPolicy) -> Vec<Incident> {
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
