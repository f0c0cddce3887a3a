//! Communications: who hears what at which severity, how often, and the drafts.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use foldhash::{HashMap, HashSet};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{escape_markdown, render};
use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::id::{AudienceId, IncidentId, PartyId};
use crate::incident::Incident;
use crate::lifecycle::Phase;
use crate::ownership::{ControlRef, Raci, SupplyChain};
use crate::scale::Severity;
use crate::timeline::EventKind;

/// Who an audience is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AudienceKind {
    /// The people working the incident.
    IncidentTeam,
    /// Executives.
    Executives,
    /// Legal and privacy.
    LegalPrivacy,
    /// The organisation's customers (AI customers, end users).
    Customers,
    /// Supply-chain parties: one update per party the SSRM makes responsible or
    /// accountable for incident management (AICM SEF-07) on the layers the incident
    /// affects, other than the policy's own party (the model provider hears about a
    /// model-layer incident, the customer about theirs).
    SupplyChain,
    /// Regulators (the regulation section computes the legal deadlines; this audience
    /// covers the organisation's own cadence of updates to them).
    Regulators,
    /// The public (status page, press).
    Public,
}

impl AudienceKind {
    /// The wire name, e.g. `legal_privacy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IncidentTeam => "incident_team",
            Self::Executives => "executives",
            Self::LegalPrivacy => "legal_privacy",
            Self::Customers => "customers",
            Self::SupplyChain => "supply_chain",
            Self::Regulators => "regulators",
            Self::Public => "public",
        }
    }
}

/// An audience of the communications plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Audience {
    /// Unique within the plan; `notification_sent` events name it as `recipient` (or, for
    /// the supply chain, the party id).
    pub id: AudienceId,
    /// A short name, e.g. `Executives`.
    pub name: String,
    /// Who they are.
    pub kind: AudienceKind,
    /// The lowest severity at which they are told (default: every severity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// The highest severity at which this entry applies (default: critical). Two
    /// entries for one group of people with adjacent ranges tell them different things
    /// at a different cadence by severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_severity: Option<Severity>,
    /// What they are told, in a few words.
    pub told: String,
    /// The first update is due this long after detection.
    pub first_within: IsoDuration,
    /// Later updates are due this long after the previous one while the incident is
    /// open; absent: one update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<IsoDuration>,
    /// The message, with `{{placeholder}}`s over incident fields (`incident`, `title`,
    /// `summary`, `category`, `severity`, `phase`, `detected_at`, `audience`,
    /// `recipient`, `next_update`); user text is Markdown-escaped when inserted.
    pub template: String,
}

impl Audience {
    /// An audience of `kind` told `told` within `first_within` of detection, at every
    /// severity, once, with `template`.
    pub fn new(
        id: AudienceId,
        name: impl Into<String>,
        kind: AudienceKind,
        told: impl Into<String>,
        first_within: IsoDuration,
        template: impl Into<String>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            min_severity: None,
            max_severity: None,
            told: told.into(),
            first_within,
            every: None,
            template: template.into(),
        }
    }

    setters! {
        with_min_severity => min_severity: opt Severity;
        with_max_severity => max_severity: opt Severity;
        with_every => every: opt IsoDuration;
    }
}

/// Where an update stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UpdateStatus {
    /// Due at `due`, not yet.
    Due,
    /// Past `due` and not sent.
    Overdue,
    /// Sent; nothing more is due (a one-off update, or the incident is closed).
    Sent,
}

/// One update owed to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Update {
    /// The audience.
    pub audience: AudienceId,
    /// Its kind.
    pub kind: AudienceKind,
    /// The recipient: the audience id, or a supply-chain party's id.
    pub recipient: String,
    /// Where it stands.
    pub status: UpdateStatus,
    /// When the next update is (or was) due; absent once nothing more is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// When the last update was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sent: Option<DateTime<Utc>>,
    /// How many were sent.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sent: usize,
    /// Why this recipient hears about it.
    pub why: String,
    /// The rendered draft.
    pub draft: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The updates an incident owes at one time (schema `urn:aiir:schema:communications:1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Communications {
    /// The incident.
    pub incident: IncidentId,
    /// The time statuses were computed at.
    pub now: DateTime<Utc>,
    /// The severity that decided the audiences.
    pub severity: Severity,
    /// The updates, overdue first, then by due time.
    pub updates: Vec<Update>,
}

impl fmt::Display for Communications {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = |d: &DateTime<Utc>| d.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        writeln!(f, "Communications for {} at {}", self.incident, t(&self.now))?;
        if self.updates.is_empty() {
            writeln!(f, "  no audience at severity {}", self.severity)?;
        }
        for u in &self.updates {
            let status = match u.status {
                UpdateStatus::Due => "due",
                UpdateStatus::Overdue => "OVERDUE",
                UpdateStatus::Sent => "sent",
            };
            let due = u.due.map(|d| format!(" by {}", t(&d))).unwrap_or_default();
            writeln!(f, "  [{status}] {} → {}{due}", u.audience, u.recipient)?;
            if u.status != UpdateStatus::Sent {
                for line in u.draft.lines() {
                    writeln!(f, "      {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// The updates `incident` owes at `now` under `audiences`.
pub(crate) fn communications(
    audiences: &[Audience],
    incident: &Incident,
    severity: Severity,
    chain: Option<&SupplyChain>,
    now: DateTime<Utc>,
) -> Communications {
    let closed = incident.phase() >= Phase::Closed;
    let mut updates = Vec::new();
    // Updates sent, by recipient, in time order: one pass over the timeline.
    let mut sent_to: HashMap<&str, Vec<DateTime<Utc>>> = HashMap::default();
    for e in incident.timeline().events() {
        if let EventKind::NotificationSent { recipient, .. } = &e.event {
            sent_to.entry(recipient.as_str()).or_default().push(e.at);
        }
    }
    let none: Vec<DateTime<Utc>> = Vec::new();
    let closed_at = closed.then_some(incident.times.closed_at).flatten();
    // The SEF-07 RACI of the affected layers, computed once for supply-chain audiences.
    let mut raci: Option<Raci> = None;
    for a in audiences {
        let range = a.min_severity.unwrap_or(Severity::Informational)..=a.max_severity.unwrap_or(Severity::Critical);
        if !range.contains(&severity) {
            continue;
        }
        let recipients: Vec<(String, String)> = if a.kind == AudienceKind::SupplyChain {
            let Some(chain) = chain else { continue };
            let raci = raci.get_or_insert_with(|| chain.raci(&ControlRef::aicm_sef_07(), &incident.affected_layers()));
            let mut seen: HashSet<&PartyId> = HashSet::default();
            let mut out: Vec<(String, String)> = Vec::new();
            for e in raci.responsible.iter().chain(raci.accountable.iter()) {
                if chain.self_party.as_ref() != Some(&e.party) && seen.insert(&e.party) {
                    out.push((e.party.to_string(), e.reason.clone()));
                }
            }
            out
        } else {
            vec![(a.id.to_string(), format!("{} at severity {severity}", a.kind.as_str()))]
        };
        for (recipient, why) in recipients {
            let sent = sent_to.get(recipient.as_str()).unwrap_or(&none);
            let last = sent.last().copied();
            let next = match (last, &a.every) {
                (None, _) => a.first_within.add_to(incident.times.detected_at).ok(),
                (Some(l), Some(every)) if !closed => every.add_to(l).ok(),
                // Closed: a cadence update that fell due before the closure was missed.
                (Some(l), Some(every)) => every.add_to(l).ok().filter(|d| closed_at.is_some_and(|c| *d < c)),
                (Some(_), None) => None,
            };
            // Never sent and the incident closed before the first update fell due: it
            // is no longer owed.
            if let (None, Some(due), Some(c)) = (last, next, closed_at) {
                if c <= due {
                    continue;
                }
            }
            let status = match next {
                None => UpdateStatus::Sent,
                Some(d) if now > d || closed => UpdateStatus::Overdue,
                Some(_) => UpdateStatus::Due,
            };
            let draft = render(&a.template, |name| {
                let t = |d: &DateTime<Utc>| d.to_rfc3339_opts(SecondsFormat::AutoSi, true);
                Some(match name {
                    "incident" => escape_markdown(incident.id.as_str()),
                    "title" => escape_markdown(&incident.title),
                    "summary" => escape_markdown(&incident.summary),
                    "category" => escape_markdown(incident.category.as_str()),
                    "severity" => severity.to_string(),
                    "phase" => incident.phase().to_string(),
                    "detected_at" => t(&incident.times.detected_at),
                    "audience" => escape_markdown(&a.name),
                    "recipient" => escape_markdown(&recipient),
                    "next_update" => a
                        .every
                        .as_ref()
                        .filter(|_| !closed)
                        .and_then(|e| e.add_to(now).ok())
                        .map_or_else(|| "none planned".to_owned(), |d| t(&d)),
                    _ => return None,
                })
            });
            updates.push(Update {
                audience: a.id.clone(),
                kind: a.kind,
                recipient,
                status,
                due: next,
                last_sent: last,
                sent: sent.len(),
                why,
                draft,
            });
        }
    }
    updates.sort_by_key(|u| (u.status != UpdateStatus::Overdue, u.status == UpdateStatus::Sent, u.due));
    Communications {
        incident: incident.id.clone(),
        now,
        severity,
        updates,
    }
}
