//! The seed's scenario: an order agent issues refunds nobody asked for. A host drives the
//! built-in `agent-runaway` playbook with a scripted executor: evidence first, the refund
//! tool disabled, the refund reversal only after the incident commander approves (the
//! first drive finds no answer yet), and a crash-free re-drive that repeats nothing. It
//! ends with the verified timeline and the SLA clocks.
//!
//! Run with `cargo run --example refund_agent`.

use aiir::incident::{AffectedAsset, AssetKind, Detection, DetectionSource};
use aiir::response::{Action, ActionExecutor, ActionRequest, ApprovalRequest, Decision, DriveOptions, Execution};
use aiir::timeline::EventKind;
use aiir::{CompiledPolicy, Incident, Sha256Digest};
use chrono::{DateTime, Utc};

/// A host that "executes" by printing what its tooling would do, and whose incident
/// commander answers approvals once `approved` is set.
struct ScriptedHost {
    approved: bool,
    runs: usize,
    /// The incident as last persisted: a real host writes it to its store, so a crash
    /// while an action runs leaves the attempt on record for the next drive.
    saved: Option<String>,
}

impl ActionExecutor for ScriptedHost {
    fn execute(&mut self, request: &ActionRequest<'_>) -> Execution {
        self.runs += 1;
        println!("  host executes {} ({})", request.action, request.key);
        match request.action {
            // The host exports the agent's tool-call log and memory and reports the digest.
            Action::PreserveEvidence { .. } => Execution::succeeded()
                .with_sha256(Sha256Digest::of(b"order-agent tool calls 16:10-16:45, memory snapshot"))
                .with_detail("exported to evidence bucket ir-2026-0107"),
            Action::Custom { name, .. } if name == "reverse_agent_actions" => {
                Execution::succeeded().with_detail("37 refunds reversed, EUR 4,210.00")
            }
            _ => Execution::succeeded(),
        }
    }

    fn checkpoint(&mut self, incident: &Incident) -> Result<(), String> {
        self.saved = Some(incident.to_json_pretty());
        Ok(())
    }

    fn approve(&mut self, request: &ApprovalRequest<'_>) -> Decision {
        println!("  approval asked of {} for {}", request.approver.assignee, request.step);
        if self.approved {
            Decision::Approved {
                by: "ir-lead-rotation".parse().unwrap_or_else(|_| unreachable!()),
            }
        } else {
            Decision::Pending
        }
    }
}

fn ids(list: &[aiir::PlaybookStepId]) -> String {
    list.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

fn at(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    s.parse()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut incident = Incident::new(
        "INC-2026-0107".parse()?,
        "Order agent issues unauthorized refunds",
        "rogue_agent".parse()?,
        Detection::new(DetectionSource::AutomatedMonitoring),
        at("2026-05-02T16:45:00Z")?,
        "refund-anomaly-monitor".parse()?,
    )
    .with_summary("The order agent refunded orders no customer disputed after a crafted support ticket.")
    .with_affected([
        AffectedAsset::new("order-agent".parse()?, AssetKind::Agent),
        AffectedAsset::new("refund-tool".parse()?, AssetKind::Tool),
    ]);
    incident.record(
        at("2026-05-02T16:52:00Z")?,
        "soc-oncall".parse()?,
        EventKind::Acknowledged {
            responder: "soc-oncall".parse()?,
        },
        aiir::json::Map::new(),
    )?;

    let policy = CompiledPolicy::builtin();
    let plan = policy.respond(&incident, at("2026-05-02T16:55:00Z")?)?;
    println!("{plan}");

    // A dry run first: what would run, without touching anything.
    let mut host = ScriptedHost {
        approved: false,
        runs: 0,
        saved: None,
    };
    let dry = DriveOptions::new(at("2026-05-02T16:55:00Z")?, "aiir-driver".parse()?).with_dry_run(true);
    println!("dry run:");
    for line in policy.drive(&mut incident.clone(), &mut host, &dry)?.activity {
        println!("  {line}");
    }

    // The first drive: evidence, containment; the reversal waits for the commander.
    println!("drive at 16:56:");
    let report = policy.drive(
        &mut incident,
        &mut host,
        &DriveOptions::new(at("2026-05-02T16:56:00Z")?, "aiir-driver".parse()?),
    )?;
    for line in &report.activity {
        println!("  {line}");
    }
    println!(
        "  awaiting approval: {}",
        ids(&report.plan.next_actions().awaiting_approval)
    );

    // The commander approves; the second drive runs the reversal and what follows it,
    // and repeats none of the finished actions.
    host.approved = true;
    let before = host.runs;
    println!("drive at 17:20:");
    let report = policy.drive(
        &mut incident,
        &mut host,
        &DriveOptions::new(at("2026-05-02T17:20:00Z")?, "aiir-driver".parse()?),
    )?;
    for line in &report.activity {
        println!("  {line}");
    }
    println!("  {} actions run on this drive", host.runs - before);

    // What the host persisted at its last checkpoint reads back and verifies too.
    let persisted = Incident::from_json(host.saved.as_deref().ok_or("no checkpoint")?)?;
    persisted.timeline().verify()?;
    incident.timeline().verify()?;
    println!(
        "timeline verified: {} events, head {}",
        incident.timeline().len(),
        incident.timeline().head()
    );
    println!(
        "evidence: {} ({})",
        incident.evidence[0].id, incident.evidence[0].sha256
    );
    for clock in &report.plan.sla {
        println!("SLA {clock}");
    }
    println!("people's steps next: {}", ids(&report.plan.next_actions().ready));
    Ok(())
}
