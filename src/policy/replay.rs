//! Replay: re-triage past incidents under an old and a new policy and report what a
//! policy change would have changed, so the change is reviewed before it ships (the seed
//! control, AICM SEF-07, auditing guideline 5: "Ensure regular reviews of incident
//! response activities and outcomes").

use std::fmt;

use chrono::{DateTime, Utc};
use foldhash::{HashMap, HashMapExt};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CompiledPolicy, Triage};
use crate::error::Error;
use crate::id::IncidentId;
use crate::incident::Incident;
use crate::time::rfc;

/// What changed for the incidents of a replay (schema `urn:aiir:schema:replay-report:1`),
/// from [`CompiledPolicy::replay`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ReplayReport {
    /// The old policy's name.
    pub old_policy: String,
    /// The new policy's name.
    pub new_policy: String,
    /// The time both triages were computed at.
    pub now: DateTime<Utc>,
    /// How many incidents were replayed.
    pub replayed: usize,
    /// How many of them changed.
    pub changed: usize,
    /// One entry per incident that changed, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incidents: Vec<ReplayedIncident>,
    /// Incidents neither policy can triage, for the same reason (e.g. a category both
    /// lack): not a change, but not a comparison either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<Refused>,
}

/// An incident both policies refuse to triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Refused {
    /// The incident.
    pub incident: IncidentId,
    /// Its position in the input.
    pub index: usize,
    /// Why the old policy refuses it.
    pub old: String,
    /// Why the new policy refuses it.
    pub new: String,
}

/// The changes for one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ReplayedIncident {
    /// The incident.
    pub incident: IncidentId,
    /// Its position in the input (incident ids need not be unique across a set).
    pub index: usize,
    /// What differs, in the order of [`ChangeKind`].
    pub changes: Vec<Change>,
}

/// What part of the triage changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// One policy triages the incident and the other refuses it (e.g. the category was
    /// removed): `old` or `new` holds the error.
    Triage,
    /// The assessed severity.
    Severity,
    /// The priority.
    Priority,
    /// The urgency.
    Urgency,
    /// The SLA targets of the priority.
    Sla,
    /// The parties accountable, responsible, consulted or informed on a layer (`key`
    /// names the layer).
    Owners,
    /// The playbook chosen.
    Playbook,
    /// A step of the same playbook: added, removed, or with another owner, phase or due
    /// time (`key` names the step).
    Step,
    /// Who is paged when, and how the chain ends.
    Pages,
    /// A report becomes owed, stops being owed, or changes status (`key` names regime
    /// and report).
    Obligation,
    /// An owed report's deadline moves (`key` names regime and report).
    Deadline,
}

/// One difference between the old and the new triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Which item, where the kind has several (a layer, a regime and report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Under the old policy (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// Under the new policy (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

impl CompiledPolicy {
    /// Re-triages `incidents` under this (old) policy and `new` at `now`, and reports per
    /// incident what changed: severity, priority, urgency, SLA targets, owners per layer,
    /// playbook and its steps, pages, reports owed (and their status) and their
    /// deadlines — or that one policy refuses the incident. Unchanged incidents are
    /// counted, not listed; incidents both policies refuse for the same reason are
    /// listed in `refused`. Linear in the incidents.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::incident::{Detection, DetectionSource};
    /// use aiir::severity::CategoryFloor;
    /// use aiir::{CompiledPolicy, Incident, Policy, Severity};
    ///
    /// let old = CompiledPolicy::builtin();
    /// let mut stricter = Policy::builtin().clone();
    /// if let Some(severity) = stricter.severity.as_mut() {
    ///     severity.floors.push(CategoryFloor::new("jailbreak".parse()?, Severity::High));
    /// }
    /// let new = stricter.compile()?;
    ///
    /// let incident = Incident::new(
    ///     "INC-1".parse()?,
    ///     "Users share a jailbreak",
    ///     "jailbreak".parse()?,
    ///     Detection::new(DetectionSource::UserReport),
    ///     "2026-03-14T09:12:00Z".parse()?,
    ///     "support".parse()?,
    /// );
    /// let report = old.replay(&new, [&incident], "2026-03-14T10:00:00Z".parse()?);
    /// assert_eq!(report.changed, 1);
    /// println!("{report}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay<'a>(
        &self,
        new: &Self,
        incidents: impl IntoIterator<Item = &'a Incident>,
        now: DateTime<Utc>,
    ) -> ReplayReport {
        let mut report = ReplayReport {
            old_policy: self.policy().name.clone(),
            new_policy: new.policy().name.clone(),
            now,
            replayed: 0,
            changed: 0,
            incidents: Vec::new(),
            refused: Vec::new(),
        };
        for (index, incident) in incidents.into_iter().enumerate() {
            report.replayed = report.replayed.saturating_add(1);
            let (old_triage, new_triage) = (self.triage(incident, now), new.triage(incident, now));
            if let (Err(a), Err(b)) = (&old_triage, &new_triage) {
                if refusal(a) == refusal(b) {
                    report.refused.push(Refused {
                        incident: incident.id.clone(),
                        index,
                        old: a.to_string(),
                        new: b.to_string(),
                    });
                    continue;
                }
            }
            let changes = diff(&old_triage, &new_triage);
            if !changes.is_empty() {
                report.changed = report.changed.saturating_add(1);
                report.incidents.push(ReplayedIncident {
                    incident: incident.id.clone(),
                    index,
                    changes,
                });
            }
        }
        report
    }
}

fn change(kind: ChangeKind, key: Option<String>, old: Option<String>, new: Option<String>) -> Change {
    Change { kind, key, old, new }
}

/// What a refusal is about, without the policy's name or its list of categories: the
/// JSON pointers of the problems, or the missing section.
fn refusal(e: &Error) -> String {
    match e {
        Error::Invalid(report) => {
            let mut pointers: Vec<&str> = report.problems.iter().map(|p| p.pointer.as_str()).collect();
            pointers.sort_unstable();
            pointers.dedup();
            format!("invalid at {}", pointers.join(", "))
        }
        Error::MissingSection { section, .. } => format!("no `{section}` section"),
        other => other.to_string(),
    }
}

/// The differences between two triages of one incident.
fn diff(old: &Result<Triage, Error>, new: &Result<Triage, Error>) -> Vec<Change> {
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let text = |r: &Result<Triage, Error>| match r {
                Ok(_) => None,
                Err(e) => Some(e.to_string()),
            };
            return vec![change(ChangeKind::Triage, None, text(o), text(n))];
        }
    };
    let mut out = Vec::new();
    let mut scalar = |kind, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(change(kind, None, a, b));
        }
    };
    let (a, b) = (&old.assessment, &new.assessment);
    scalar(
        ChangeKind::Severity,
        Some(a.severity.to_string()),
        Some(b.severity.to_string()),
    );
    scalar(
        ChangeKind::Priority,
        a.priority.as_ref().map(ToString::to_string),
        b.priority.as_ref().map(ToString::to_string),
    );
    scalar(
        ChangeKind::Urgency,
        Some(a.urgency.to_string()),
        Some(b.urgency.to_string()),
    );
    let sla = |t: &crate::severity::Assessment| {
        t.sla.as_ref().map(|s| {
            let part =
                |d: &Option<crate::duration::IsoDuration>| d.as_ref().map_or("-".to_owned(), ToString::to_string);
            format!(
                "acknowledge {}, contain {}, resolve {}, update {}",
                s.time_to_acknowledge,
                part(&s.time_to_contain),
                part(&s.time_to_resolve),
                part(&s.update_every)
            )
        })
    };
    scalar(ChangeKind::Sla, sla(a), sla(b));

    let owners = |t: &Triage| -> Vec<(String, String)> {
        t.owners
            .iter()
            .flat_map(|o| &o.layers)
            .map(|l| {
                let list = |v: &[crate::ownership::RaciEntry]| {
                    v.iter()
                        .map(|e| format!("{} as {}", e.party, e.actor))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let accountable = l
                    .raci
                    .accountable
                    .as_ref()
                    .map_or_else(|| "nobody".to_owned(), |e| format!("{} as {}", e.party, e.actor));
                (
                    l.layer.to_string(),
                    format!(
                        "accountable {accountable}; responsible {}; consulted {}; informed {}",
                        list(&l.raci.responsible),
                        list(&l.raci.consulted),
                        list(&l.raci.informed)
                    ),
                )
            })
            .collect()
    };
    keyed(&mut out, ChangeKind::Owners, owners(old), owners(new));

    let playbook = |t: &Triage| t.response.as_ref().map(|p| p.playbook.to_string());
    if playbook(old) != playbook(new) {
        out.push(change(ChangeKind::Playbook, None, playbook(old), playbook(new)));
    } else if let (Some(a), Some(b)) = (&old.response, &new.response) {
        // The same playbook: what each step asks of whom by when.
        let steps = |p: &crate::response::ResponsePlan| -> Vec<(String, String)> {
            p.steps
                .iter()
                .map(|st| {
                    let due = st.due.as_ref().map_or_else(|| "no due time".to_owned(), rfc);
                    (
                        st.id.to_string(),
                        format!("{} — {} — {}, due {due}", st.phase, st.name, st.owner),
                    )
                })
                .collect()
        };
        keyed(&mut out, ChangeKind::Step, steps(a), steps(b));
    }

    let pages = |t: &Triage| {
        t.escalation.as_ref().map(|p| {
            let mut text: Vec<String> = p.plan.pages.iter().map(ToString::to_string).collect();
            text.push(p.plan.outcome.to_string());
            text.join("; ")
        })
    };
    if pages(old) != pages(new) {
        out.push(change(ChangeKind::Pages, None, pages(old), pages(new)));
    }

    // (regime report) -> (status, deadline)
    let owed = |t: &Triage| -> Vec<(String, (String, String))> {
        t.obligations
            .obligations
            .iter()
            .map(|o| {
                (
                    format!("{} {}", o.regime, o.report),
                    (
                        o.status.to_string(),
                        o.deadline.as_ref().map_or_else(|| "clock not started".to_owned(), rfc),
                    ),
                )
            })
            .collect()
    };
    let (old_owed, new_owed) = (owed(old), owed(new));
    let old_map = pairs(&old_owed);
    let new_map = pairs(&new_owed);
    let text = |(status, deadline): &(String, String)| format!("{status}, {deadline}");
    for (key, value) in &old_owed {
        match new_map.get(key.as_str()) {
            None => out.push(change(
                ChangeKind::Obligation,
                Some(key.clone()),
                Some(text(value)),
                None,
            )),
            Some(n) => {
                if n.0 != value.0 {
                    out.push(change(
                        ChangeKind::Obligation,
                        Some(key.clone()),
                        Some(value.0.clone()),
                        Some(n.0.clone()),
                    ));
                }
                if n.1 != value.1 {
                    out.push(change(
                        ChangeKind::Deadline,
                        Some(key.clone()),
                        Some(value.1.clone()),
                        Some(n.1.clone()),
                    ));
                }
            }
        }
    }
    for (key, value) in &new_owed {
        if !old_map.contains_key(key.as_str()) {
            out.push(change(
                ChangeKind::Obligation,
                Some(key.clone()),
                None,
                Some(text(value)),
            ));
        }
    }
    out.sort_by_key(|c| c.kind);
    out
}

/// A map from the first to the second of each pair (the first occurrence of a key wins).
fn pairs<V>(list: &[(String, V)]) -> HashMap<&str, &V> {
    let mut map = HashMap::with_capacity(list.len());
    for (k, v) in list {
        map.entry(k.as_str()).or_insert(v);
    }
    map
}

/// Changes between two keyed lists: a key only on one side, or with another value.
fn keyed(out: &mut Vec<Change>, kind: ChangeKind, old: Vec<(String, String)>, new: Vec<(String, String)>) {
    let old_map = pairs(&old);
    let new_map = pairs(&new);
    for (k, v) in &old {
        match new_map.get(k.as_str()) {
            Some(n) if *n == v => {}
            n => out.push(change(kind, Some(k.clone()), Some(v.clone()), n.map(|s| (*s).clone()))),
        }
    }
    for (k, v) in &new {
        if !old_map.contains_key(k.as_str()) {
            out.push(change(kind, Some(k.clone()), None, Some(v.clone())));
        }
    }
}

impl fmt::Display for ReplayReport {
    /// A summary line, then per changed incident one line per change.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Replay of {} incidents under `{}` and `{}` at {}: {} changed, {} refused by both",
            self.replayed,
            self.old_policy,
            self.new_policy,
            rfc(&self.now),
            self.changed,
            self.refused.len()
        )?;
        for r in &self.refused {
            writeln!(f, "  {} (#{}): refused by both: {}", r.incident, r.index, r.new)?;
        }
        for i in &self.incidents {
            writeln!(f, "  {} (#{}):", i.incident, i.index)?;
            for c in &i.changes {
                let kind = serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let key = c.key.as_ref().map(|k| format!(" {k}")).unwrap_or_default();
                writeln!(
                    f,
                    "    {kind}{key}: {} → {}",
                    c.old.as_deref().unwrap_or("none"),
                    c.new.as_deref().unwrap_or("none")
                )?;
            }
        }
        Ok(())
    }
}
