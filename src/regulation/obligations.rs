//! Evaluating rules against an incident: the reports owed, their deadlines and status.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeDelta, Utc};
use chrono_tz::Tz;
use foldhash::{HashMap, HashSet};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::id::{Jurisdiction, RegimeId, ReportKind};
use crate::impact::HarmKind;
use crate::incident::Incident;
use crate::regulation::RegulatoryProfile;
use crate::regulation::calendar::{self, Compiled};
use crate::regulation::rules::{Anchor, Attribute, Clock, Condition, LegalRule, Limb, ReportRule, Rule, Sending, Unit};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::time::parse_tz;
use crate::time::rfc;
use crate::timeline::{Determination, EventKind};
use crate::validation::{check_unique, finish};

/// Where an obligation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObligationStatus {
    /// It applies only if a fact not yet recorded turns out to hold (see `needs`); the
    /// deadline shown is the one it would have.
    Potential,
    /// It applies, but its clock has not started: the anchor (e.g. the notification a
    /// final report runs from) has not happened yet (see `needs`).
    NotStarted,
    /// Owed, with time to spare.
    Pending,
    /// Owed, and within the last quarter of its clock (or the profile's `due_soon`).
    DueSoon,
    /// Owed, and past its deadline.
    Overdue,
    /// Sent by the deadline.
    Met,
    /// Sent after the deadline.
    MetLate,
}

impl ObligationStatus {
    /// The wire name, e.g. `due_soon`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Potential => "potential",
            Self::NotStarted => "not_started",
            Self::Pending => "pending",
            Self::DueSoon => "due_soon",
            Self::Overdue => "overdue",
            Self::Met => "met",
            Self::MetLate => "met_late",
        }
    }
}

impl fmt::Display for ObligationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The instant a clock ran from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AnchorUsed {
    /// The anchor as the rule gives it.
    pub anchor: Anchor,
    /// What it resolved to, e.g. `times.aware_at` or `timeline event 4`.
    pub source: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A later deadline the regime's counting rules allow; never the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct LegalLatest {
    /// The latest instant the rule allows (UTC).
    pub deadline: DateTime<Utc>,
    /// The same instant in the calendar's time zone (RFC 3339 with offset).
    pub deadline_local: DateTime<FixedOffset>,
    /// The rule set, e.g. `eu_1182_71`.
    pub rule: Arc<str>,
    /// The calendar counted on.
    pub calendar: Arc<str>,
}

/// An earlier deadline that applies if a fact not yet recorded turns out to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PotentialDeadline {
    /// The earlier deadline (UTC).
    pub deadline: DateTime<Utc>,
    /// The provision it comes from.
    pub article: Arc<str>,
    /// What must be recorded for it to apply.
    pub needs: Vec<String>,
}

/// One report owed (or possibly owed) under a regulatory rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Obligation {
    /// The regime id, e.g. `gdpr-art33`.
    pub regime: RegimeId,
    /// The report kind, e.g. `notification`.
    pub report: ReportKind,
    /// The rule's name.
    pub name: Arc<str>,
    /// The provision the deadline comes from (the rule's source and the limb's article).
    pub article: Arc<str>,
    /// Who receives the report.
    pub recipient: Arc<str>,
    /// Where it stands at `now`.
    pub status: ObligationStatus,
    /// The deadline (UTC): the earliest defensible instant. Absent while the clock has
    /// not started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DateTime<Utc>>,
    /// The deadline in the rule's time zone (RFC 3339 with offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_local: Option<DateTime<FixedOffset>>,
    /// The rule's time zone.
    pub time_zone: Arc<str>,
    /// The clock that set the deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
    /// What the clock ran from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AnchorUsed>,
    /// A later deadline the regime's counting rules allow, labelled with the rule; plan
    /// to the default `deadline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_latest: Option<LegalLatest>,
    /// An earlier deadline that applies if a fact not yet recorded holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential_earlier: Option<PotentialDeadline>,
    /// When the report was sent (the first matching `notification_sent` event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    /// Why it applies: the conditions that matched.
    pub why: Vec<Arc<str>>,
    /// What is not yet recorded (for `potential` and `not_started`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// The rule's caveat (its `note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Arc<str>>,
    /// Caveats found while computing: calendars past their holiday lists, lapsed limbs,
    /// deadlines out of range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Arc<str>>,
}

/// A rule (or one of its reports) that owes nothing for this incident, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct NotOwed {
    /// The regime id.
    pub regime: RegimeId,
    /// The report, when only one report of the regime is not owed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportKind>,
    /// Why not.
    pub why: Arc<str>,
}

/// Every report an incident owes under the organisation's regulatory profile (schema
/// `urn:aiir:schema:obligations:1`). Decision support, not legal advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Obligations {
    /// The incident.
    pub incident: crate::id::IncidentId,
    /// The time statuses were computed at.
    pub now: DateTime<Utc>,
    /// The reports owed or possibly owed, by deadline (those without one last).
    pub obligations: Vec<Obligation>,
    /// Rules the organisation is subject to (or that exist) that owe nothing, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_owed: Vec<NotOwed>,
}

fn local_time(t: DateTime<Utc>, tz: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&tz).fixed_offset()
}

impl fmt::Display for Obligations {
    /// One line per obligation: status, regime and report, deadline (UTC and local),
    /// recipient; then what is not owed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Regulatory obligations for {} at {} (decision support, not legal advice)",
            self.incident,
            rfc(&self.now)
        )?;
        if self.obligations.is_empty() {
            writeln!(f, "  none owed")?;
        }
        for o in &self.obligations {
            let due = match (&o.deadline, &o.deadline_local) {
                (Some(d), Some(l)) => format!("due {} ({})", rfc(d), l.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
                (Some(d), None) => format!("due {}", rfc(d)),
                _ => "clock not started".to_owned(),
            };
            writeln!(
                f,
                "  {:<11} {} {}: {due}, to {} [{}]",
                o.status, o.regime, o.report, o.recipient, o.article
            )?;
            if !o.needs.is_empty() {
                writeln!(f, "              needs: {}", o.needs.join("; "))?;
            }
        }
        for n in &self.not_owed {
            match &n.report {
                Some(r) => writeln!(f, "  not owed    {} {r}: {}", n.regime, n.why)?,
                None => writeln!(f, "  not owed    {}: {}", n.regime, n.why)?,
            }
        }
        Ok(())
    }
}

/// A rule with its time zone and calendar resolved, and the texts every obligation
/// under it shares.
#[derive(Debug, Clone)]
struct Ready {
    rule: Rule,
    tz: Tz,
    calendar: Option<usize>,
    applies_from: Option<NaiveDate>,
    name: Arc<str>,
    time_zone: Arc<str>,
    note: Option<Arc<str>>,
    subject: Arc<str>,
    /// Per report: its recipient, and per limb the article (`rule article, limb article`).
    reports: Vec<(Arc<str>, Vec<Arc<str>>)>,
}

/// The regulatory profile, validated and ready to evaluate many incidents
/// (see [`Regulation::obligations`]).
#[derive(Debug, Clone)]
pub struct Regulation {
    rules: Vec<Ready>,
    not_subject: Arc<str>,
    /// The names of the legal rules, shared by every `legal_latest`.
    legal_names: (Arc<str>, Arc<str>),
    calendars: Vec<Compiled>,
    subject: HashSet<RegimeId>,
    attributes: Vec<Attribute>,
    due_soon: Option<TimeDelta>,
}

/// Three-valued truth for a condition on facts that may not be recorded yet.
enum Truth {
    /// Holds, with the reason when asked for.
    Holds(Option<Arc<str>>),
    Fails(String),
    Unknown(String),
}

/// The outcome of a list of conditions (all must hold).
#[derive(Default)]
struct Verdict {
    /// What is not recorded (texts only when asked for).
    needs: Vec<String>,
    unknown: bool,
    fails: Option<String>,
}

impl Verdict {
    fn holds(&self) -> bool {
        self.fails.is_none() && !self.unknown
    }
}

/// What the timeline says about one determination.
#[derive(Clone, Copy)]
struct Determined {
    /// The first time it was recorded as holding, and the event's index.
    first_holding: Option<(DateTime<Utc>, usize)>,
    /// The latest record: holds or not.
    latest: bool,
}

/// The sendings of one report: first and latest, with event indices.
#[derive(Clone, Copy)]
struct Sent {
    first: (DateTime<Utc>, usize),
    latest: (DateTime<Utc>, usize),
}

/// The incident facts rules read, gathered in one pass over the timeline.
struct Facts<'a> {
    incident: &'a Incident,
    awareness: (DateTime<Utc>, &'static str),
    determined: BTreeMap<Determination, Determined>,
    /// Keyed by (regime, report); a `notification_sent` without `report` is keyed with
    /// an empty report.
    sent: HashMap<(&'a str, &'a str), Sent>,
    /// A buffer reasons are written into before they are shared.
    scratch: std::cell::RefCell<String>,
}

impl<'a> Facts<'a> {
    fn new(incident: &'a Incident) -> Self {
        let awareness = match incident.times.aware_at {
            Some(t) => (t, "times.aware_at"),
            None => (
                incident.times.detected_at,
                "times.detected_at (awareness not recorded; detection is earlier, so conservative)",
            ),
        };
        let mut determined: BTreeMap<Determination, Determined> = BTreeMap::new();
        let mut sent: HashMap<(&str, &str), Sent> = HashMap::default();
        for (i, e) in incident.timeline().events().iter().enumerate() {
            match &e.event {
                EventKind::Determined { what, holds, .. } => {
                    let holds = holds.unwrap_or(true);
                    let entry = determined.entry(*what).or_insert(Determined {
                        first_holding: None,
                        latest: holds,
                    });
                    entry.latest = holds;
                    if holds && entry.first_holding.is_none() {
                        entry.first_holding = Some((e.at, i));
                    }
                }
                EventKind::NotificationSent {
                    regime: Some(regime),
                    report,
                    ..
                } => {
                    let key = (regime.as_str(), report.as_ref().map_or("", ReportKind::as_str));
                    sent.entry(key).and_modify(|s| s.latest = (e.at, i)).or_insert(Sent {
                        first: (e.at, i),
                        latest: (e.at, i),
                    });
                }
                _ => {}
            }
        }
        Self {
            incident,
            awareness,
            determined,
            sent,
            scratch: std::cell::RefCell::new(String::new()),
        }
    }

    /// The sendings of `report` under `rule` (a sending without a report kind counts
    /// for a rule with a single report).
    fn sent(&self, rule: &Rule, report: &ReportKind) -> Option<Sent> {
        let regime = rule.regime.as_str();
        self.sent.get(&(regime, report.as_str())).copied().or_else(|| {
            if rule.reports.len() == 1 {
                self.sent.get(&(regime, "")).copied()
            } else {
                None
            }
        })
    }
}

fn harm_names(kinds: &[HarmKind]) -> String {
    kinds.iter().map(super::wire).collect::<Vec<_>>().join(", ")
}

fn jurisdiction_names(list: &[Jurisdiction]) -> String {
    list.iter().map(Jurisdiction::as_str).collect::<Vec<_>>().join(", ")
}

impl Regulation {
    /// Validates `profile` and the rules it uses (the built-in rules, replaced or
    /// extended by the profile's own) and prepares them.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem, with JSON pointers into the profile
    /// (`/rules/0/time_zone`, …); the built-in rules are checked by the test suite.
    pub fn new(profile: &RegulatoryProfile) -> Result<Self, Error> {
        let mut report = ValidationReport::new(DocumentKind::Policy);
        let regulation = Self::build(profile, "", &mut report);
        finish(report).map(|()| regulation)
    }

    /// Builds the evaluator, reporting problems under `base` (the profile's pointer).
    pub(crate) fn build(profile: &RegulatoryProfile, base: &str, report: &mut ValidationReport) -> Self {
        profile.check(base, report);
        let builtin = super::builtin_rules();
        // The profile's calendars and rules replace built-in ones with the same id.
        let mut calendars: Vec<(String, &crate::regulation::Calendar)> = Vec::new();
        for c in &builtin.calendars {
            if !profile.calendars.iter().any(|p| p.id == c.id) {
                calendars.push((String::new(), c));
            }
        }
        for (i, c) in profile.calendars.iter().enumerate() {
            calendars.push((format!("{base}/calendars/{i}"), c));
        }
        let mut compiled = Vec::with_capacity(calendars.len());
        let mut calendar_index: HashMap<&str, usize> = HashMap::default();
        for (pointer, c) in &calendars {
            let tz = match parse_tz(&c.time_zone) {
                Ok(tz) => tz,
                Err(_) => {
                    report.semantic(
                        format!("{pointer}/time_zone"),
                        "an IANA time zone name such as `Europe/Berlin`",
                        Some(quoted(&c.time_zone)),
                    );
                    Tz::UTC
                }
            };
            calendar_index.insert(c.id.as_str(), compiled.len());
            compiled.push(Compiled::new(c, tz, &profile.holidays));
        }
        let mut rules: Vec<(String, &Rule)> = Vec::new();
        for r in &builtin.rules {
            if !profile.rules.iter().any(|p| p.regime == r.regime) {
                rules.push((String::new(), r));
            }
        }
        for (i, r) in profile.rules.iter().enumerate() {
            rules.push((format!("{base}/rules/{i}"), r));
        }
        let start_dates: HashMap<&RegimeId, NaiveDate> =
            profile.applies_from.iter().map(|s| (&s.regime, s.from)).collect();
        let mut ready = Vec::with_capacity(rules.len());
        for (pointer, rule) in rules {
            let tz = parse_tz(&rule.time_zone).unwrap_or_else(|_| {
                report.semantic(
                    format!("{pointer}/time_zone"),
                    "an IANA time zone name such as `Europe/Berlin`",
                    Some(quoted(&rule.time_zone)),
                );
                Tz::UTC
            });
            let calendar = rule.calendar.as_ref().and_then(|id| {
                let found = calendar_index.get(id.as_str()).copied();
                if found.is_none() {
                    report.semantic(
                        format!("{pointer}/calendar"),
                        format!(
                            "the id of a calendar (built-in or the profile's: {})",
                            calendar_index
                                .keys()
                                .copied()
                                .collect::<std::collections::BTreeSet<_>>()
                                .into_iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        Some(quoted(id)),
                    );
                }
                found
            });
            check_rule(rule, &pointer, calendar.is_some(), report);
            let applies_from = start_dates.get(&rule.regime).copied().or(rule.applies_from);
            let reports = rule
                .reports
                .iter()
                .map(|r| {
                    let recipient: Arc<str> = Arc::from(r.recipient.as_deref().unwrap_or(&rule.recipient));
                    let articles = r
                        .limbs
                        .iter()
                        .map(|l| Arc::from(format!("{}, {}", rule.article, l.article)))
                        .collect();
                    (recipient, articles)
                })
                .collect();
            ready.push(Ready {
                rule: rule.clone(),
                tz,
                calendar,
                applies_from,
                name: Arc::from(rule.name.as_str()),
                time_zone: Arc::from(rule.time_zone.as_str()),
                note: rule.note.as_deref().map(Arc::from),
                subject: Arc::from(format!("the organisation is subject to `{}`", rule.regime)),
                reports,
            });
        }
        Self {
            rules: ready,
            not_subject: Arc::from(
                "the organisation is not subject to it (the profile's subject_to, or --regimes, does not list it)",
            ),
            legal_names: (Arc::from("eu_1182_71"), Arc::from("next_working_day_noon")),
            calendars: compiled,
            subject: profile.subject_to.iter().cloned().collect(),
            attributes: profile.attributes.clone(),
            due_soon: profile.due_soon.as_ref().map(crate::IsoDuration::exact_part),
        }
    }

    /// The regime ids of every rule (built-in and the profile's), in order.
    pub fn regimes(&self) -> impl Iterator<Item = &RegimeId> {
        self.rules.iter().map(|r| &r.rule.regime)
    }

    /// Every report `incident` owes (or may owe) under the profile, with deadlines and
    /// status at `now`. Deterministic: no clock, no I/O.
    pub fn obligations(&self, incident: &Incident, now: DateTime<Utc>) -> Obligations {
        let facts = Facts::new(incident);
        let mut obligations = Vec::with_capacity(self.rules.len().saturating_mul(2));
        let mut not_owed = Vec::new();
        for ready in &self.rules {
            self.evaluate(ready, &facts, now, &mut obligations, &mut not_owed);
        }
        obligations.sort_by(|a, b| {
            (a.deadline.is_none(), a.deadline, &a.regime, &a.report).cmp(&(
                b.deadline.is_none(),
                b.deadline,
                &b.regime,
                &b.report,
            ))
        });
        Obligations {
            incident: incident.id.clone(),
            now,
            obligations,
            not_owed,
        }
    }

    fn evaluate(
        &self,
        ready: &Ready,
        facts: &Facts<'_>,
        now: DateTime<Utc>,
        out: &mut Vec<Obligation>,
        not_owed: &mut Vec<NotOwed>,
    ) {
        let rule = &ready.rule;
        let skip = |why: Arc<str>| NotOwed {
            regime: rule.regime.clone(),
            report: None,
            why,
        };
        if !self.subject.contains(&rule.regime) {
            not_owed.push(skip(Arc::clone(&self.not_subject)));
            return;
        }
        let mut rule_why: Vec<Arc<str>> = Vec::with_capacity(rule.when.len().saturating_add(2));
        rule_why.push(Arc::clone(&ready.subject));
        if let Some(from) = ready.applies_from {
            let aware = facts.awareness.0.with_timezone(&ready.tz).date_naive();
            if aware < from {
                not_owed.push(skip(Arc::from(format!(
                    "awareness on {aware} is before the rule applies ({from})"
                ))));
                return;
            }
            let mut buf = facts.scratch.borrow_mut();
            buf.clear();
            let _ = fmt::Write::write_fmt(
                &mut *buf,
                format_args!("awareness on {aware}, on or after the rule's start {from}"),
            );
            rule_why.push(Arc::from(buf.as_str()));
        }
        let verdict = self.explain(&rule.when, facts, &mut rule_why);
        if let Some(fails) = verdict.fails {
            not_owed.push(skip(Arc::from(fails)));
            return;
        }
        for (i, report) in rule.reports.iter().enumerate() {
            match self.report(ready, i, facts, now, &rule_why, &verdict.needs) {
                Ok(o) => out.push(o),
                Err(why) => not_owed.push(NotOwed {
                    regime: rule.regime.clone(),
                    report: Some(report.report.clone()),
                    why: Arc::from(why),
                }),
            }
        }
    }

    /// One report's obligation, or why it is not owed.
    fn report(
        &self,
        ready: &Ready,
        index: usize,
        facts: &Facts<'_>,
        now: DateTime<Utc>,
        rule_why: &[Arc<str>],
        rule_needs: &[String],
    ) -> Result<Obligation, String> {
        let rule = &ready.rule;
        let Some(report) = rule.reports.get(index) else {
            return Err("no such report".to_owned());
        };
        let (recipient, articles) = ready
            .reports
            .get(index)
            .map_or((None, &[][..]), |(r, a)| (Some(r), a.as_slice()));
        let article_of = |limb: usize| {
            articles
                .get(limb)
                .cloned()
                .unwrap_or_else(|| Arc::from(rule.article.as_str()))
        };
        let mut notes: Vec<Arc<str>> = Vec::new();
        // The best limb among those that hold, and among those that may hold.
        let mut best: Option<Candidate<'_>> = None;
        let mut best_potential: Option<Candidate<'_>> = None;
        let mut holding_unstarted: Vec<String> = Vec::new();
        let mut any_holds = false;
        let mut any_fails = false;
        for (limb_index, limb) in report.limbs.iter().enumerate() {
            // The truth only; the chosen limb is explained below.
            let verdict = self.all(&limb.when, facts, false);
            if verdict.fails.is_some() {
                any_fails = true;
                continue;
            }
            let holds = verdict.holds();
            any_holds |= holds;
            let anchor = match self.anchor(ready, &limb.clock.anchor, facts, false) {
                Ok(a) => a,
                Err(_) => {
                    if holds {
                        holding_unstarted.push(
                            self.anchor(ready, &limb.clock.anchor, facts, true)
                                .err()
                                .unwrap_or_default(),
                        );
                    }
                    continue;
                }
            };
            let Some((deadline, extra)) = self.deadline(ready, limb, anchor.at) else {
                notes.push(Arc::from(format!(
                    "{}: the deadline lies beyond the supported range (years 0000 to 9999) or the calendar has no working day",
                    limb.article
                )));
                continue;
            };
            notes.extend(extra.into_iter().map(Arc::from));
            if let Some(lapse) = &limb.lapses_before {
                if let Ok(later) = self.anchor(ready, lapse, facts, false) {
                    if deadline < later.at {
                        let later = self.anchor(ready, lapse, facts, true).unwrap_or(later);
                        notes.push(Arc::from(format!(
                            "{}: lapsed, since its deadline {} came before {} at {}",
                            limb.article,
                            rfc(&deadline),
                            later.source,
                            rfc(&later.at)
                        )));
                        continue;
                    }
                }
            }
            let candidate = Candidate {
                limb,
                index: limb_index,
                anchor,
                deadline,
            };
            let slot = if holds { &mut best } else { &mut best_potential };
            if slot.as_ref().is_none_or(|b| candidate.deadline < b.deadline) {
                *slot = Some(candidate);
            }
        }
        if !any_holds && best_potential.is_none() {
            if !any_fails {
                return Err("no limb's clock can start yet".to_owned());
            }
            let reasons: Vec<String> = report
                .limbs
                .iter()
                .filter_map(|limb| {
                    let fails = self.all(&limb.when, facts, true).fails?;
                    Some(format!("{}: {fails}", limb.article))
                })
                .collect();
            return Err(reasons.join("; "));
        }
        let recipient = recipient.cloned().unwrap_or_else(|| Arc::from(rule.recipient.as_str()));
        let sent = facts.sent(rule, &report.report);
        let definite = any_holds && rule_needs.is_empty();
        let mut needs: Vec<String> = rule_needs.to_vec();
        // The limb that sets the deadline: among those that hold when the obligation is
        // definite, else among all that may hold.
        let earlier = best_potential.as_ref().map(|p| (p.deadline, p.index, p.limb));
        let chosen = if definite {
            best
        } else {
            match (best, best_potential) {
                (Some(a), Some(b)) => Some(if b.deadline < a.deadline { b } else { a }),
                (a, b) => a.or(b),
            }
        };
        let mut why: Vec<Arc<str>> = Vec::with_capacity(rule_why.len().saturating_add(4));
        why.extend_from_slice(rule_why);
        let mut obligation = Obligation {
            regime: rule.regime.clone(),
            report: report.report.clone(),
            name: Arc::clone(&ready.name),
            article: article_of(0),
            recipient,
            status: ObligationStatus::Potential,
            deadline: None,
            deadline_local: None,
            time_zone: Arc::clone(&ready.time_zone),
            clock: None,
            anchor: None,
            legal_latest: None,
            potential_earlier: None,
            sent_at: sent.map(|s| s.first.0),
            why: Vec::new(),
            needs: Vec::new(),
            note: ready.note.clone(),
            notes: Vec::new(),
        };
        let window = match chosen {
            Some(c) => {
                obligation.article = article_of(c.index);
                let explained = self.explain(&c.limb.when, facts, &mut why);
                needs.extend(explained.needs);
                let (deadline, legal) = self.legal(ready, report, c.limb, c.anchor.at, c.deadline, facts);
                obligation.deadline = Some(deadline);
                obligation.deadline_local = Some(local_time(deadline, ready.tz));
                obligation.legal_latest = legal;
                obligation.clock = Some(c.limb.clock.clone());
                let span = deadline.signed_duration_since(c.anchor.at);
                obligation.anchor = Some(
                    self.anchor(ready, &c.limb.clock.anchor, facts, true)
                        .unwrap_or(c.anchor),
                );
                Some((deadline, span))
            }
            None => {
                needs.extend(holding_unstarted);
                None
            }
        };
        if definite {
            if let (Some((at, index, limb)), Some((deadline, _))) = (earlier, window) {
                if at < deadline {
                    obligation.potential_earlier = Some(PotentialDeadline {
                        deadline: at,
                        article: article_of(index),
                        needs: self.all(&limb.when, facts, true).needs,
                    });
                }
            }
        }
        obligation.status = match (sent, window) {
            (Some(s), Some((deadline, _))) if s.first.0 > deadline => ObligationStatus::MetLate,
            (Some(_), _) => ObligationStatus::Met,
            (None, _) if !definite => ObligationStatus::Potential,
            (None, None) => ObligationStatus::NotStarted,
            (None, Some((deadline, span))) => {
                let window = self.due_soon.unwrap_or_else(|| span.checked_div(4).unwrap_or_default());
                if now > deadline {
                    ObligationStatus::Overdue
                } else if deadline.signed_duration_since(now) <= window {
                    ObligationStatus::DueSoon
                } else {
                    ObligationStatus::Pending
                }
            }
        };
        if let Some(s) = sent {
            why.push(Arc::from(format!(
                "sent at {} (timeline event {})",
                rfc(&s.first.0),
                s.first.1
            )));
        }
        dedup(&mut needs);
        obligation.why = why;
        obligation.needs = needs;
        obligation.notes = notes;
        Ok(obligation)
    }

    /// The default deadline of `limb` from `anchor`, and notes on the calendar.
    fn deadline(&self, ready: &Ready, limb: &Limb, anchor: DateTime<Utc>) -> Option<(DateTime<Utc>, Vec<String>)> {
        let clock = &limb.clock;
        if clock.unit == Unit::BusinessDays {
            let cal = self.calendars.get(ready.calendar?)?;
            let (deadline, last_day) = cal.add_business_days(anchor, clock.amount)?;
            let mut notes = Vec::new();
            if let Some(year) = cal.uncovered_year(cal.local_date(anchor), last_day) {
                notes.push(format!(
                    "calendar `{}` lists no holidays for {year}: only weekends were skipped; add that year's holidays",
                    cal.id
                ));
            }
            return Some((deadline, notes)).filter(|(d, _)| crate::time::in_range(d));
        }
        calendar::add_instant(anchor, clock.amount, clock.unit).map(|d| (d, Vec::new()))
    }

    /// The deadline to plan to (never later than what the legal rule allows) and the
    /// later legal deadline, if the rule allows one.
    fn legal(
        &self,
        ready: &Ready,
        report: &ReportRule,
        limb: &Limb,
        anchor: DateTime<Utc>,
        deadline: DateTime<Utc>,
        facts: &Facts<'_>,
    ) -> (DateTime<Utc>, Option<LegalLatest>) {
        let Some(rule) = report.legal_rule.as_ref().or(ready.rule.legal_rule.as_ref()) else {
            return (deadline, None);
        };
        let Some(cal) = ready.calendar.and_then(|i| self.calendars.get(i)) else {
            return (deadline, None);
        };
        let (latest, name) = match rule {
            LegalRule::Eu118271 => (
                cal.eu_1182_71(anchor, limb.clock.amount, limb.clock.unit),
                &self.legal_names.0,
            ),
            LegalRule::NextWorkingDayNoon { unless } => {
                if !unless.is_empty() && self.all(unless, facts, false).holds() {
                    return (deadline, None);
                }
                (cal.next_working_day_noon(deadline), &self.legal_names.1)
            }
        };
        match latest.filter(crate::time::in_range) {
            Some(l) if l > deadline => (
                deadline,
                Some(LegalLatest {
                    deadline: l,
                    deadline_local: local_time(l, cal.tz),
                    rule: Arc::clone(name),
                    calendar: Arc::clone(&cal.id),
                }),
            ),
            Some(l) => (l, None),
            None => (deadline, None),
        }
    }

    /// When `anchor` happened, or what must be recorded first.
    fn anchor(&self, ready: &Ready, anchor: &Anchor, facts: &Facts<'_>, explain: bool) -> Result<AnchorUsed, String> {
        // Texts are built only when asked for (the chosen limb, a need to report).
        macro_rules! msg {
            ($($t:tt)*) => {
                if explain { format!($($t)*) } else { String::new() }
            };
        }
        let times = &facts.incident.times;
        let used = |at: DateTime<Utc>, source: String| AnchorUsed {
            anchor: anchor.clone(),
            source,
            at,
        };
        match anchor {
            Anchor::Awareness => Ok(used(facts.awareness.0, msg!("{}", facts.awareness.1))),
            Anchor::Detection => Ok(used(times.detected_at, msg!("{}", "times.detected_at"))),
            Anchor::Declaration => times
                .declared_at
                .map(|t| used(t, msg!("{}", "times.declared_at")))
                .ok_or_else(|| msg!("{}", "the declaration (times.declared_at)")),
            Anchor::Determined { what } => facts
                .determined
                .get(what)
                .and_then(|d| d.first_holding)
                .map(|(t, i)| used(t, msg!("`determined` {what} (timeline event {i})")))
                .ok_or_else(|| msg!("a `determined` event for {what}")),
            Anchor::ReportSent { report, which } => {
                let sent = facts.sent(&ready.rule, report);
                sent.map(|s| {
                    let (t, i) = match which {
                        Sending::First => s.first,
                        Sending::Latest => s.latest,
                    };
                    used(
                        t,
                        msg!(
                            "`notification_sent` {} {report} (timeline event {i})",
                            ready.rule.regime
                        ),
                    )
                })
                .ok_or_else(|| {
                    msg!(
                        "a `notification_sent` event with regime `{}` and report `{report}`",
                        ready.rule.regime
                    )
                })
            }
            Anchor::AwarenessYearEnd => {
                let year = facts.awareness.0.with_timezone(&ready.tz).date_naive();
                NaiveDate::from_ymd_opt(chrono::Datelike::year(&year), 12, 31)
                    .and_then(|d| calendar::end_of_day(ready.tz, d))
                    .map(|t| {
                        used(
                            t,
                            msg!("the end of the calendar year of awareness ({})", facts.awareness.1),
                        )
                    })
                    .ok_or_else(|| msg!("{}", "an awareness time within the supported range"))
            }
        }
    }

    /// Evaluates conditions that must all hold: the truth, and with `explain` the texts
    /// of what is missing or failed.
    fn all(&self, conditions: &[Condition], facts: &Facts<'_>, explain: bool) -> Verdict {
        self.evaluate_into(conditions, facts, explain, &mut Vec::new())
    }

    /// [`all`](Self::all) with texts, the reasons that hold pushed onto `why`.
    fn explain(&self, conditions: &[Condition], facts: &Facts<'_>, why: &mut Vec<Arc<str>>) -> Verdict {
        self.evaluate_into(conditions, facts, true, why)
    }

    fn evaluate_into(
        &self,
        conditions: &[Condition],
        facts: &Facts<'_>,
        explain: bool,
        why: &mut Vec<Arc<str>>,
    ) -> Verdict {
        let mut v = Verdict::default();
        for c in conditions {
            match self.condition(c, facts, explain) {
                Truth::Holds(Some(reason)) => why.push(reason),
                Truth::Holds(None) => {}
                Truth::Unknown(need) => {
                    v.unknown = true;
                    if explain {
                        v.needs.push(need);
                    }
                }
                Truth::Fails(why) => {
                    v.fails = Some(why);
                    return v;
                }
            }
        }
        v
    }

    fn condition(&self, condition: &Condition, facts: &Facts<'_>, explain: bool) -> Truth {
        // Messages are built only when asked for: most evaluations only need the truth.
        macro_rules! msg {
            ($($t:tt)*) => {
                if explain { format!($($t)*) } else { String::new() }
            };
        }
        // A reason that holds, written into the shared buffer and shared from there.
        macro_rules! reason {
            ($($t:tt)*) => {
                if explain {
                    let mut buf = facts.scratch.borrow_mut();
                    buf.clear();
                    let _ = fmt::Write::write_fmt(&mut *buf, format_args!($($t)*));
                    Some(Arc::from(buf.as_str()))
                } else {
                    None
                }
            };
        }
        let incident = facts.incident;
        let impact = &incident.impact;
        match condition {
            Condition::Harm { any_of, at_least } => {
                if impact.harms.is_empty() {
                    return Truth::Unknown(msg!(
                        "the incident's harms (impact.harms; one of {}?)",
                        harm_names(any_of)
                    ));
                }
                match impact
                    .harms
                    .iter()
                    .find(|h| any_of.contains(&h.kind) && h.realization >= *at_least)
                {
                    Some(h) => Truth::Holds(reason!("harm `{}` {}", h.kind.as_str(), h.realization.as_str())),
                    None => Truth::Fails(msg!(
                        "no harm of kind {} realised as far as `{}`",
                        harm_names(any_of),
                        at_least.as_str()
                    )),
                }
            }
            Condition::PersonalDataRecords { at_least } => {
                let records: u64 = impact
                    .harms
                    .iter()
                    .filter(|h| h.kind == HarmKind::Privacy)
                    .filter_map(|h| h.records)
                    .fold(0, u64::saturating_add);
                if records >= *at_least {
                    Truth::Holds(reason!(
                        "{records} personal-data records affected (at least {at_least})"
                    ))
                } else if impact
                    .harms
                    .iter()
                    .any(|h| h.kind == HarmKind::Privacy && h.records.is_none())
                {
                    Truth::Unknown(msg!("the number of personal-data records affected"))
                } else {
                    Truth::Fails(msg!("{records} personal-data records affected (fewer than {at_least})"))
                }
            }
            Condition::UsersAffected { at_least } => match impact.users_affected {
                Some(n) if n >= *at_least => Truth::Holds(reason!("{n} users affected (at least {at_least})")),
                Some(n) => Truth::Fails(msg!("{n} users affected (fewer than {at_least})")),
                None => Truth::Unknown(msg!(
                    "the number of users affected (impact.users_affected; at least {at_least}?)"
                )),
            },
            Condition::ResidentsInOneJurisdiction { more_than, within } => {
                // Only jurisdictions strictly inside one of the areas (a State, not a
                // country-wide count), when areas are given.
                let areas = Areas::new(within);
                let counted = impact.affected_residents.iter().filter(|r| {
                    let j = &r.jurisdiction;
                    within.is_empty()
                        || (j.as_str() != j.country() && areas.contains(j.country()))
                        || (j.as_str() != "EU"
                            && crate::id::EU_MEMBER_STATES.contains(&j.country())
                            && areas.contains("EU"))
                });
                match counted.max_by_key(|r| r.count) {
                    Some(r) if r.count > *more_than => Truth::Holds(reason!(
                        "{} affected residents of `{}` (more than {more_than})",
                        r.count,
                        r.jurisdiction
                    )),
                    Some(r) => Truth::Fails(msg!(
                        "at most {} affected residents in one jurisdiction (`{}`; not more than {more_than})",
                        r.count,
                        r.jurisdiction
                    )),
                    None => Truth::Unknown(msg!(
                        "affected residents per jurisdiction{} (impact.affected_residents; more than {more_than} in one?)",
                        if within.is_empty() {
                            String::new()
                        } else {
                            format!(" within {}", jurisdiction_names(within))
                        }
                    )),
                }
            }
            Condition::Jurisdiction { any_of } => {
                if incident.jurisdictions.is_empty() {
                    return Truth::Unknown(msg!(
                        "the incident's jurisdictions (within {}?)",
                        jurisdiction_names(any_of)
                    ));
                }
                // For each incident jurisdiction, the areas it may lie in: itself, its
                // country, the EU (one lookup each, so linear in both lists).
                let areas = Areas::new(any_of);
                let found = incident.jurisdictions.iter().find_map(|j| {
                    [j.as_str(), j.country(), "EU"]
                        .into_iter()
                        .find(|area| {
                            areas.contains(area)
                                && (*area != "EU"
                                    || j.as_str() == "EU"
                                    || crate::id::EU_MEMBER_STATES.contains(&j.country()))
                        })
                        .map(|area| (j, area))
                });
                match found {
                    Some((j, a)) if j.as_str() == a => Truth::Holds(reason!("jurisdiction `{j}`")),
                    Some((j, a)) => Truth::Holds(reason!("jurisdiction `{j}`, within `{a}`")),
                    None => Truth::Fails(msg!(
                        "no jurisdiction within {} (the incident's: {})",
                        jurisdiction_names(any_of),
                        jurisdiction_names(&incident.jurisdictions)
                    )),
                }
            }
            Condition::Category { any_of } => {
                if any_of.contains(&incident.category) {
                    Truth::Holds(reason!("category `{}`", incident.category))
                } else {
                    Truth::Fails(msg!("category `{}` is not one of those listed", incident.category))
                }
            }
            Condition::ExploitationObserved => {
                if impact.exploitation_observed {
                    Truth::Holds(reason!("active exploitation observed"))
                } else {
                    Truth::Fails(msg!("no active exploitation observed"))
                }
            }
            Condition::Determined { what } => match facts.determined.get(what) {
                Some(d) if d.latest => match d.first_holding {
                    Some((t, i)) => Truth::Holds(reason!("determined {what} at {} (timeline event {i})", rfc(&t))),
                    None => Truth::Holds(reason!("determined {what}")),
                },
                Some(_) => Truth::Fails(msg!("determined not to be {what}")),
                None => Truth::Unknown(msg!("a `determined` event for {what}")),
            },
            Condition::NotRuledOut { what } => match facts.determined.get(what) {
                Some(d) if !d.latest => Truth::Fails(msg!("determined not to be {what}")),
                _ => Truth::Holds(reason!("{what} not ruled out")),
            },
            Condition::Attribute { is } => {
                let name = is.as_str();
                if self.attributes.contains(is) {
                    Truth::Holds(reason!("the profile has attribute `{name}`"))
                } else {
                    Truth::Fails(msg!("the profile lacks attribute `{name}`"))
                }
            }
        }
    }
}

/// Jurisdiction codes to look up: a short list is scanned, a long one hashed once.
struct Areas<'a> {
    list: &'a [Jurisdiction],
    set: Option<HashSet<&'a str>>,
}

impl<'a> Areas<'a> {
    fn new(list: &'a [Jurisdiction]) -> Self {
        let set = (list.len() > 16).then(|| list.iter().map(Jurisdiction::as_str).collect());
        Self { list, set }
    }

    fn contains(&self, code: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(code),
            None => self.list.iter().any(|a| a.as_str() == code),
        }
    }
}

/// A limb that applies or may apply, with its deadline.
struct Candidate<'r> {
    limb: &'r Limb,
    /// The limb's position in its report.
    index: usize,
    anchor: AnchorUsed,
    deadline: DateTime<Utc>,
}

fn dedup(list: &mut Vec<String>) {
    if list.len() < 2 {
        return;
    }
    let mut seen = HashSet::default();
    list.retain(|s| seen.insert(s.clone()));
}

/// Checks one rule's structure: reports and limbs present, unique report kinds, clock
/// amounts in range, a calendar where business days or a legal rule need one.
fn check_rule(rule: &Rule, pointer: &str, has_calendar: bool, report: &mut ValidationReport) {
    if rule.reports.is_empty() {
        report.semantic(
            format!("{pointer}/reports"),
            "at least one report",
            Some("[]".to_owned()),
        );
    }
    check_unique(
        &rule.reports,
        |r| &r.report,
        &format!("{pointer}/reports"),
        "report",
        "a report kind unique within the rule",
        report,
    );
    let needs_calendar_for_legal = rule.legal_rule.is_some() || rule.reports.iter().any(|r| r.legal_rule.is_some());
    if needs_calendar_for_legal && !has_calendar && rule.calendar.is_none() {
        report.semantic(
            format!("{pointer}/calendar"),
            "a calendar, which the legal rule counts on",
            None,
        );
    }
    check_conditions(&rule.when, &format!("{pointer}/when"), report);
    if let Some(LegalRule::NextWorkingDayNoon { unless }) = &rule.legal_rule {
        check_conditions(unless, &format!("{pointer}/legal_rule/unless"), report);
    }
    for (i, r) in rule.reports.iter().enumerate() {
        if let Some(LegalRule::NextWorkingDayNoon { unless }) = &r.legal_rule {
            check_conditions(unless, &format!("{pointer}/reports/{i}/legal_rule/unless"), report);
        }
        for (j, limb) in r.limbs.iter().enumerate() {
            check_conditions(&limb.when, &format!("{pointer}/reports/{i}/limbs/{j}/when"), report);
        }
        if r.limbs.is_empty() {
            report.semantic(
                format!("{pointer}/reports/{i}/limbs"),
                "at least one limb",
                Some("[]".to_owned()),
            );
        }
        for (j, limb) in r.limbs.iter().enumerate() {
            let at = format!("{pointer}/reports/{i}/limbs/{j}/clock");
            if limb.clock.amount == 0 || limb.clock.amount > super::rules::MAX_CLOCK_AMOUNT {
                report.semantic(
                    format!("{at}/amount"),
                    format!("an amount from 1 to {}", super::rules::MAX_CLOCK_AMOUNT),
                    Some(limb.clock.amount.to_string()),
                );
            }
            if limb.clock.unit == Unit::BusinessDays && rule.calendar.is_none() {
                report.semantic(
                    format!("{pointer}/calendar"),
                    "a calendar, which business-day clocks count on",
                    None,
                );
            }
        }
    }
}

/// Lists inside conditions name each value once (so evaluation stays linear).
fn check_conditions(conditions: &[Condition], pointer: &str, report: &mut ValidationReport) {
    for (i, c) in conditions.iter().enumerate() {
        let at = format!("{pointer}/{i}/any_of");
        match c {
            Condition::Harm { any_of, .. } => {
                check_unique(any_of, |k| k.as_str(), &at, "", "a harm kind not listed before", report);
            }
            Condition::Jurisdiction { any_of } => {
                check_unique(any_of, |j| j, &at, "", "a jurisdiction not listed before", report);
            }
            Condition::ResidentsInOneJurisdiction { within, .. } => {
                let at = format!("{pointer}/{i}/within");
                check_unique(within, |j| j, &at, "", "a jurisdiction not listed before", report);
            }
            Condition::Category { any_of } => {
                check_unique(any_of, |c| c, &at, "", "a category not listed before", report);
            }
            _ => {}
        }
    }
}
