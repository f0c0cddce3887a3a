//! The post-incident report, in Markdown: what happened, how bad and why, who owned it,
//! what was done, what was reported by when, how fast, why it happened, and what
//! changes — the review the CoSAI framework asks for within one to two weeks (§3.3,
//! post-incident activity: root cause, lessons learned, corrective actions).

use std::fmt::Write as _;

use chrono::TimeDelta;

use super::serde_name;
use crate::incident::Incident;
use crate::policy::Triage;
use crate::regulation::ObligationStatus;
use crate::response::escape_markdown as e;
use crate::time::rfc;
use crate::timeline::EventKind;

fn span(d: Option<TimeDelta>) -> String {
    match d {
        None => "—".to_owned(),
        Some(d) => {
            let minutes = d.num_minutes();
            if minutes.abs() < 120 {
                format!("{minutes} min")
            } else if d.num_hours().abs() < 72 {
                format!("{} h {} min", d.num_hours(), minutes.rem_euclid(60))
            } else {
                format!("{} days {} h", d.num_days(), d.num_hours().rem_euclid(24))
            }
        }
    }
}

/// The post-incident report for `incident`, triaged as `triage` (usually at closure):
/// summary, timeline, severity with its rationale, owners, actions taken, regulatory
/// notifications with their deadlines (met, late or open), response metrics against the
/// SLA, root cause, lessons learned, and corrective and preventive actions. All text
/// that came from people is Markdown-escaped; a section with nothing recorded says so.
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::report;
///
/// let policy = CompiledPolicy::builtin();
/// let text = std::fs::read_to_string("examples/incidents/support-bot-offensive-output.json")?;
/// let incident = policy.incident_from_json(&text)?;
/// let triage = policy.triage(&incident, "2026-03-20T00:00:00Z".parse()?)?;
/// let md = report::post_incident(&incident, &triage);
/// assert!(md.contains("## Root cause"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn post_incident(incident: &Incident, triage: &Triage) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Post-incident report: {} — {}\n\n_Policy {}, as of {}. Phase: {}._\n",
        e(incident.id.as_str()),
        e(&incident.title),
        e(&triage.policy),
        rfc(&triage.now),
        incident.phase()
    );

    let _ = writeln!(s, "## Summary\n");
    if incident.summary.is_empty() {
        let _ = writeln!(s, "No summary recorded.\n");
    } else {
        let _ = writeln!(s, "{}\n", e(&incident.summary));
    }
    let c = &triage.category;
    let _ = writeln!(
        s,
        "- Category: {} (`{}`); MITRE ATLAS {}",
        e(&c.name),
        c.id,
        if c.atlas.is_empty() {
            "—".to_owned()
        } else {
            c.atlas.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
        }
    );
    let _ = writeln!(
        s,
        "- Detected {} by {}{}",
        rfc(&incident.times.detected_at),
        serde_name(&incident.detection.source),
        incident
            .detection
            .method
            .as_ref()
            .map(|m| format!(" ({})", e(m)))
            .unwrap_or_default()
    );
    if let Some(chain) = &incident.chain_of_events {
        let _ = writeln!(s, "- Chain of events: {}", e(chain));
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Severity and why\n");
    for line in triage.assessment.to_string().lines() {
        let _ = writeln!(s, "- {}", e(line.trim()));
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Owners\n");
    match &triage.owners {
        Some(o) if !o.layers.is_empty() => {
            for l in &o.layers {
                let accountable = l
                    .raci
                    .accountable
                    .as_ref()
                    .map_or_else(|| "nobody".to_owned(), |a| format!("{} as {}", a.party, a.actor));
                let _ = writeln!(s, "- {}: accountable {}", l.layer, e(&accountable));
            }
        }
        _ => {
            let _ = writeln!(
                s,
                "- No supply-chain owners: the incident names no affected layer, or the policy has no supply chain."
            );
        }
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Timeline\n");
    let _ = writeln!(s, "| # | When | Who | What |\n|---|---|---|---|");
    for ev in incident.timeline().events() {
        let what = match &ev.event {
            EventKind::PhaseChanged { from, to, reason } => format!(
                "phase {from} → {to}{}",
                reason.as_ref().map(|r| format!(": {}", e(r))).unwrap_or_default()
            ),
            EventKind::Note { text } => format!("note: {}", e(text)),
            EventKind::ActionExecuted { action, outcome, .. } => {
                format!("action {} ({})", e(action), serde_name(outcome))
            }
            EventKind::NotificationSent { recipient, .. } => format!("notified {}", e(recipient)),
            other => other.name().to_owned(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            ev.seq,
            rfc(&ev.at),
            e(ev.actor.as_str()),
            what
        );
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Actions taken\n");
    let mut any = false;
    for ev in incident.timeline().events() {
        if let EventKind::ActionExecuted {
            action,
            automated,
            outcome,
            playbook,
            step,
            detail,
            ..
        } = &ev.event
        {
            any = true;
            let from = match (playbook, step) {
                (Some(p), Some(st)) => format!(", playbook {} step {}", e(p.as_str()), e(st.as_str())),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "- {} {}: {} ({}{}{from}){}",
                rfc(&ev.at),
                e(action),
                serde_name(outcome),
                if *automated { "automated" } else { "manual" },
                format_args!(", by {}", e(ev.actor.as_str())),
                detail.as_ref().map(|d| format!(" — {}", e(d))).unwrap_or_default()
            );
        }
    }
    if !any {
        let _ = writeln!(s, "No actions recorded on the timeline.");
    }
    let _ = writeln!(s);

    let _ = writeln!(
        s,
        "## Notifications and deadlines\n\n_Decision support, not legal advice._\n"
    );
    if triage.obligations.obligations.is_empty() {
        let _ = writeln!(s, "No report was owed.");
    }
    for o in &triage.obligations.obligations {
        let met = match o.status {
            ObligationStatus::Met => "met",
            ObligationStatus::MetLate => "met late",
            ObligationStatus::Overdue => "**overdue**",
            ObligationStatus::Potential => "potential: owed only if what it needs is determined",
            ObligationStatus::NotStarted => "clock not started",
            _ => "open",
        };
        let _ = writeln!(
            s,
            "- {} {} to {}: deadline {}, sent {} — {met}",
            e(o.regime.as_str()),
            e(o.report.as_ref()),
            e(&o.recipient),
            o.deadline.as_ref().map_or_else(|| "not started".to_owned(), rfc),
            o.sent_at.as_ref().map_or_else(|| "—".to_owned(), rfc)
        );
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Response metrics\n");
    let m = incident.metrics();
    let target = |d: Option<String>| d.map(|t| format!(" (target {t})")).unwrap_or_default();
    let sla = triage.assessment.sla.as_ref();
    let _ = writeln!(
        s,
        "- Time to acknowledge: {}{}",
        span(m.time_to_acknowledge),
        target(sla.map(|t| t.time_to_acknowledge.to_string()))
    );
    let _ = writeln!(
        s,
        "- Time to contain: {}{}",
        span(m.time_to_contain),
        target(sla.and_then(|t| t.time_to_contain.as_ref()).map(ToString::to_string))
    );
    let _ = writeln!(
        s,
        "- Time to recover: {}{}",
        span(m.time_to_recover),
        target(sla.and_then(|t| t.time_to_resolve.as_ref()).map(ToString::to_string))
    );
    let _ = writeln!(s, "- Time to close: {}", span(m.time_to_close));
    for c in &triage.sla {
        let _ = writeln!(s, "- SLA {}", e(&c.to_string()));
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Root cause\n");
    match &incident.root_cause {
        Some(rc) => {
            let _ = writeln!(s, "{} — {}\n", serde_name(&rc.class), e(&rc.description));
        }
        None => {
            let _ = writeln!(s, "Not recorded yet.\n");
        }
    }

    let _ = writeln!(s, "## Lessons learned\n");
    if incident.lessons_learned.is_empty() {
        let _ = writeln!(s, "None recorded yet.");
    }
    for l in &incident.lessons_learned {
        let _ = writeln!(s, "- {}", e(l));
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Corrective and preventive actions\n");
    if incident.corrective_actions.is_empty() {
        let _ = writeln!(s, "None recorded yet.");
    }
    for a in &incident.corrective_actions {
        let _ = writeln!(
            s,
            "- [{}] {}: {}{}{}",
            serde_name(&a.status),
            serde_name(&a.kind),
            e(&a.description),
            a.owner
                .as_ref()
                .map(|o| format!(", owner {}", e(o.as_str())))
                .unwrap_or_default(),
            a.due.as_ref().map(|d| format!(", due {}", rfc(d))).unwrap_or_default()
        );
    }
    s
}
