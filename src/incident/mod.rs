//! The incident record, its lifecycle and its timeline.
//!
//! The record has a home for every field of an AI incident record that CSA AICM v1.1.0
//! SEF-09 ("Incident Records Management") lists — unique ID, detection and closure
//! times, category and severity, affected assets/services/identities/data, indicators of
//! compromise, timeline, actions taken, root cause, lessons learned, corrective and
//! preventive actions, evidence — and for the structured fields of the EU AI Act Art. 73
//! template, the GPAI Code of Practice Measure 9.2 and NIST AI 600-1 GV-4.3-002.
//!
//! An [`Incident`]'s phase and timeline change only through its methods
//! ([`Incident::transition`], [`Incident::record`], …), which keep them consistent; a
//! deserialized incident is checked the same way (an intact hash chain, phase changes that
//! follow the transition table and end in the current phase), whichever way it was read.

mod parts;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use parts::{
    ActionStatus, AffectedAsset, Architecture, AssetKind, CapaKind, CausalLink, CorrectiveAction, Detection,
    DetectionSource, Evidence, Indicator, IndicatorKind, InvolvedParty, Precision, ReportedTime, RootCause,
    RootCauseClass, SeverityOverride, Times,
};

use crate::builder::setters;
use crate::contact::Contact;
use crate::error::Error;
use crate::id::{CategoryId, IncidentId, Jurisdiction, ResponderId};
use crate::impact::Impact;
use crate::lifecycle::{Phase, list};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::scale::{Severity, Urgency};
use crate::ssrm::Layer;
use crate::timeline::{EventKind, Timeline};
use crate::validation::{Document, check_unique, finish, parse_structure};

/// Declares [`Incident`] and its wire form from one field list, so the two cannot drift.
macro_rules! incident {
    (#[doc = $summary:literal] $(#[$meta:meta])* { $($(#[$attr:meta])* $vis:vis $name:ident: $ty:ty,)* }) => {
        #[doc = $summary]
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case", try_from = "IncidentDoc")]
        #[non_exhaustive]
        pub struct Incident {
            $($(#[$attr])* $vis $name: $ty,)*
        }

        #[doc = $summary]
        #[derive(Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        #[schemars(rename = "Incident")]
        struct IncidentDoc {
            $($(#[$attr])* $name: $ty,)*
        }

        impl IncidentDoc {
            /// The incident, its invariants not yet checked.
            fn unchecked(self) -> Incident {
                Incident { $($name: self.$name,)* }
            }
        }
    };
}

incident!(
    /// An AI incident record (schema `urn:aiir:schema:incident:1`).
    {
        /// The schema version of this document (semver; the major must be 1).
        #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
        pub schema_version: semver::Version,
        /// Unique incident id.
        pub id: IncidentId,
        /// A one-line title.
        pub title: String,
        /// What happened, its effects and likely cause.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub summary: String,
        /// The category, from the policy's taxonomy.
        pub category: CategoryId,
        /// The current lifecycle phase: `detected` until the timeline's first phase change,
        /// then the phase the last `phase_changed` event moved to.
        phase: Phase,
        /// The current severity, once assessed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub severity: Option<Severity>,
        /// A manual severity override, which assessment applies last (it may lower).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub severity_override: Option<SeverityOverride>,
        /// How fast harm grows, when the reporter states it; otherwise policy rules decide.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub urgency: Option<Urgency>,
        /// How it was detected.
        pub detection: Detection,
        /// Who first reported it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reporter: Option<Contact>,
        /// Key times.
        pub times: Times,
        /// Impact facts.
        #[serde(default)]
        pub impact: Impact,
        /// Where the incident's effects are felt: ISO 3166-1 alpha-2 codes (`DE`),
        /// subdivisions (`US-CA`) or `EU`; regulatory rules read these. No repeats.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub jurisdictions: Vec<Jurisdiction>,
        /// Affected assets, services, identities and data.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub affected: Vec<AffectedAsset>,
        /// The affected AI system's architecture pattern (CoSAI), which selects
        /// architecture-specific containment; when absent it is inferred from the affected
        /// assets ([`Incident::architecture`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub architecture: Option<Architecture>,
        /// Supply-chain parties involved and their SSRM roles.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub parties: Vec<InvolvedParty>,
        /// Indicators of compromise.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub indicators: Vec<Indicator>,
        /// Preserved evidence; ids are unique.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub evidence: Vec<Evidence>,
        /// How sure the causal link to the AI system is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub causal_link: Option<CausalLink>,
        /// The chain of events that led to the incident (GPAI CoP 9.2(3)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub chain_of_events: Option<String>,
        /// Root-cause analysis.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub root_cause: Option<RootCause>,
        /// Lessons learned.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub lessons_learned: Vec<String>,
        /// Corrective and preventive actions.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub corrective_actions: Vec<CorrectiveAction>,
        /// Free tags.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// The append-only, hash-chained timeline (actions taken, notifications, evidence…).
        #[serde(default, skip_serializing_if = "Timeline::is_empty")]
        timeline: Timeline,
        /// Host data; kept as is and written back unchanged.
        #[serde(
            default,
            skip_serializing_if = "Map::is_empty",
            deserialize_with = "crate::validation::strict::host_object"
        )]
        pub extensions: Map<String, Value>,
    }
);

impl TryFrom<IncidentDoc> for Incident {
    type Error = Error;

    /// Checks everything [`Document::check`] checks.
    fn try_from(doc: IncidentDoc) -> Result<Self, Error> {
        let incident = doc.unchecked();
        incident.validate()?;
        Ok(incident)
    }
}

/// Response metrics computed from an incident's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Metrics {
    /// Detection to first acknowledgement.
    pub time_to_acknowledge: Option<TimeDelta>,
    /// Detection to first entering `contained`.
    pub time_to_contain: Option<TimeDelta>,
    /// Detection to first entering `recovered`.
    pub time_to_recover: Option<TimeDelta>,
    /// Detection to first closure (`closed` or `closed_false_positive`).
    pub time_to_close: Option<TimeDelta>,
}

fn rfc(d: &DateTime<Utc>) -> String {
    quoted(&d.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

impl Incident {
    /// A new incident in phase `detected`, with a `detected` event on its timeline
    /// recorded by `by` at `detected_at`.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::incident::{Detection, DetectionSource};
    /// use aiir::{Document, Incident, Phase};
    ///
    /// let mut incident = Incident::new(
    ///     "INC-2026-0042".parse()?,
    ///     "Support chatbot emits offensive language",
    ///     "harmful_output".parse()?,
    ///     Detection::new(DetectionSource::Guardrail),
    ///     "2026-03-14T09:12:00Z".parse()?,
    ///     "output-guardrail".parse()?,
    /// );
    /// incident.transition(Phase::Triaged, "2026-03-14T09:25:00Z".parse()?, "alice".parse()?)?;
    /// incident.validate()?;
    ///
    /// let parsed = Incident::from_json(&incident.to_json_pretty())?;
    /// assert_eq!(parsed, incident);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: IncidentId,
        title: impl Into<String>,
        category: CategoryId,
        detection: Detection,
        detected_at: DateTime<Utc>,
        by: ResponderId,
    ) -> Self {
        let source = detection.method.clone();
        Self {
            schema_version: Self::SCHEMA_VERSION,
            id,
            title: title.into(),
            summary: String::new(),
            category,
            phase: Phase::Detected,
            severity: None,
            severity_override: None,
            urgency: None,
            detection,
            reporter: None,
            times: Times::new(detected_at),
            impact: Impact::default(),
            jurisdictions: Vec::new(),
            affected: Vec::new(),
            architecture: None,
            parties: Vec::new(),
            indicators: Vec::new(),
            evidence: Vec::new(),
            causal_link: None,
            chain_of_events: None,
            root_cause: None,
            lessons_learned: Vec::new(),
            corrective_actions: Vec::new(),
            tags: Vec::new(),
            timeline: Timeline::starting(detected_at, by, EventKind::Detected { source }),
            extensions: Map::new(),
        }
    }

    setters! {
        with_summary => summary: set String;
        with_urgency => urgency: opt Urgency;
        with_reporter => reporter: opt Contact;
        with_impact => impact: set Impact;
        with_jurisdictions => jurisdictions: list Jurisdiction;
        with_affected => affected: list AffectedAsset;
        with_architecture => architecture: opt Architecture;
        with_parties => parties: list InvolvedParty;
        with_indicators => indicators: list Indicator;
        with_causal_link => causal_link: opt CausalLink;
        with_chain_of_events => chain_of_events: opt String;
        with_root_cause => root_cause: opt RootCause;
        with_lessons_learned => lessons_learned: list String;
        with_corrective_actions => corrective_actions: list CorrectiveAction;
        with_tags => tags: list String;
        with_extensions => extensions: set Map<String, Value>;
    }

    /// Sets when the incident started (possibly approximate).
    #[must_use]
    pub fn with_occurred_start(mut self, at: ReportedTime) -> Self {
        self.times.occurred_start = Some(at);
        self
    }

    /// Sets when the incident ended (possibly approximate).
    #[must_use]
    pub fn with_occurred_end(mut self, at: ReportedTime) -> Self {
        self.times.occurred_end = Some(at);
        self
    }

    /// Sets when the organisation became aware the incident is (potentially) reportable.
    #[must_use]
    pub fn with_aware_at(mut self, at: DateTime<Utc>) -> Self {
        self.times.aware_at = Some(at);
        self
    }

    /// The current lifecycle phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The hash-chained timeline.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The AI system's architecture pattern: the stated [`architecture`](Self::architecture)
    /// field, else inferred from the affected assets: an agent and a vector store make
    /// `agentic_rag`, an agent or tool `agentic`, a vector store `rag`, anything else
    /// `basic_llm` (memory is not visible in assets: state `llm_with_memory`).
    pub fn architecture(&self) -> Architecture {
        if let Some(a) = self.architecture {
            return a;
        }
        let has = |k: &[AssetKind]| self.affected.iter().any(|a| k.contains(&a.kind));
        match (
            has(&[AssetKind::Agent, AssetKind::Tool]),
            has(&[AssetKind::VectorStore]),
        ) {
            (true, true) => Architecture::AgenticRag,
            (true, false) => Architecture::Agentic,
            (false, true) => Architecture::Rag,
            (false, false) => Architecture::BasicLlm,
        }
    }

    /// The SSRM layers the incident affects: each affected asset's layer, or its kind's
    /// usual layer ([`AssetKind::default_layer`]); sorted, without repeats.
    pub fn affected_layers(&self) -> Vec<Layer> {
        let mut layers: Vec<Layer> = self
            .affected
            .iter()
            .filter_map(AffectedAsset::effective_layer)
            .collect();
        layers.sort_unstable();
        layers.dedup();
        layers
    }

    /// Moves the incident to phase `to` at time `at`, recorded as done by `by`.
    ///
    /// Checks the transition table, appends a `phase_changed` event, and keeps `times`
    /// in step: entering `triaged` the first time sets `declared_at`; entering a closed
    /// phase sets `closed_at`; reopening clears it (the timeline keeps the history).
    ///
    /// # Errors
    /// - [`Error::IllegalTransition`] naming both phases and the legal moves;
    /// - [`Error::OutOfOrder`] when `at` is earlier than the last timeline event.
    pub fn transition(&mut self, to: Phase, at: DateTime<Utc>, by: ResponderId) -> Result<(), Error> {
        self.transition_with_reason(to, at, by, None)
    }

    /// [`transition`](Self::transition) with a reason recorded on the event.
    ///
    /// # Errors
    /// As [`transition`](Self::transition).
    pub fn transition_with_reason(
        &mut self,
        to: Phase,
        at: DateTime<Utc>,
        by: ResponderId,
        reason: Option<String>,
    ) -> Result<(), Error> {
        let from = self.phase;
        from.check_move(to)?;
        self.timeline
            .append(at, by, EventKind::PhaseChanged { from, to, reason }, Map::new())?;
        self.phase = to;
        if to == Phase::Triaged && self.times.declared_at.is_none() {
            self.times.declared_at = Some(at);
        }
        self.times.closed_at = to.is_closed().then_some(at);
        Ok(())
    }

    /// Appends any other event to the timeline.
    ///
    /// A `severity_changed` event also updates [`Incident::severity`], and a
    /// `category_changed` event updates [`Incident::category`]. Phase changes must go
    /// through [`transition`](Self::transition).
    ///
    /// # Errors
    /// - [`Error::OutOfOrder`] when `at` is earlier than the last timeline event;
    /// - [`Error::InvalidValue`] for a `phase_changed` event, or `details` that break the
    ///   timeline's rules (see [`timeline`](crate::timeline)).
    pub fn record(
        &mut self,
        at: DateTime<Utc>,
        by: ResponderId,
        event: EventKind,
        details: Map<String, Value>,
    ) -> Result<(), Error> {
        let (severity, category) = match &event {
            EventKind::PhaseChanged { .. } => {
                return Err(Error::InvalidValue {
                    what: "timeline event",
                    value: "phase_changed".to_owned(),
                    expected: "any other kind; phase changes go through `Incident::transition`".to_owned(),
                });
            }
            EventKind::SeverityChanged { to, .. } => (Some(*to), None),
            EventKind::CategoryChanged { to, .. } => (None, Some(to.clone())),
            _ => (None, None),
        };
        self.timeline.append(at, by, event, details)?;
        if let Some(s) = severity {
            self.severity = Some(s);
        }
        if let Some(c) = category {
            self.category = c;
        }
        Ok(())
    }

    /// Adds preserved evidence and records an `evidence_added` event (with its digest)
    /// by `by` at the evidence's collection time.
    ///
    /// # Errors
    /// - [`Error::InvalidValue`] when the incident already has evidence with that id;
    /// - [`Error::OutOfOrder`] when the collection time is earlier than the last event.
    pub fn add_evidence(&mut self, evidence: Evidence, by: ResponderId) -> Result<(), Error> {
        if self.evidence.iter().any(|e| e.id == evidence.id) {
            return Err(Error::InvalidValue {
                what: "evidence id",
                value: evidence.id.to_string(),
                expected: "an id not yet used by the incident's evidence".to_owned(),
            });
        }
        let event = EventKind::EvidenceAdded {
            evidence: evidence.id.clone(),
            sha256: evidence.sha256,
            description: evidence.description.clone(),
        };
        self.timeline.append(evidence.collected_at, by, event, Map::new())?;
        self.evidence.push(evidence);
        Ok(())
    }

    /// Sets a manual severity override and records it on the timeline as a
    /// `severity_changed` event from the current severity to the override's, so both
    /// values stay on record. Also sets [`Incident::severity`].
    ///
    /// # Errors
    /// [`Error::OutOfOrder`] when `override_.at` is earlier than the last timeline event.
    pub fn override_severity(&mut self, override_: SeverityOverride) -> Result<(), Error> {
        let event = EventKind::SeverityChanged {
            from: self.severity,
            to: override_.severity,
            reason: format!("manual override: {}", override_.reason),
        };
        self.timeline
            .append(override_.at, override_.by.clone(), event, Map::new())?;
        self.severity = Some(override_.severity);
        self.severity_override = Some(override_);
        Ok(())
    }

    /// Response metrics from the timeline, measured from `times.detected_at`.
    pub fn metrics(&self) -> Metrics {
        let since = |t: Option<DateTime<Utc>>| t.map(|t| t.signed_duration_since(self.times.detected_at));
        let closed = [Phase::Closed, Phase::ClosedFalsePositive]
            .into_iter()
            .filter_map(|p| self.timeline.entered(p))
            .min();
        Metrics {
            time_to_acknowledge: since(self.timeline.first_acknowledged()),
            time_to_contain: since(self.timeline.entered(Phase::Contained)),
            time_to_recover: since(self.timeline.entered(Phase::Recovered)),
            time_to_close: since(closed),
        }
    }

    fn check_times(&self, report: &mut ValidationReport) {
        let t = &self.times;
        // Times built in Rust may lie anywhere in chrono's range; documents hold years
        // 0000 to 9999 (see `time`).
        let times = [
            ("/times/detected_at", Some(t.detected_at)),
            ("/times/aware_at", t.aware_at),
            ("/times/declared_at", t.declared_at),
            ("/times/closed_at", t.closed_at),
            ("/times/occurred_start/at", t.occurred_start.map(|r| r.at)),
            ("/times/occurred_end/at", t.occurred_end.map(|r| r.at)),
        ];
        for (at, value) in times {
            if let Some(v) = value {
                crate::time::check(&v, || at.to_owned(), report);
            }
        }
        let others = self
            .evidence
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("/evidence/{i}/collected_at"), Some(e.collected_at)))
            .chain(
                self.corrective_actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("/corrective_actions/{i}/due"), a.due)),
            )
            .chain(
                self.severity_override
                    .iter()
                    .map(|o| ("/severity_override/at".to_owned(), Some(o.at))),
            );
        for (at, value) in others {
            if let Some(v) = value {
                crate::time::check(&v, || at, report);
            }
        }
        if let (Some(s), Some(e)) = (t.occurred_start, t.occurred_end) {
            if e.at < s.at {
                report.semantic(
                    "/times/occurred_end",
                    format!("a time not before occurred_start {}", rfc(&s.at)),
                    Some(rfc(&e.at)),
                );
            }
        }
        if let Some(s) = t.occurred_start {
            if t.detected_at < s.at && s.precision == Precision::Exact {
                report.semantic(
                    "/times/detected_at",
                    format!("a time not before occurred_start {}", rfc(&s.at)),
                    Some(rfc(&t.detected_at)),
                );
            }
        }
        for (field, value) in [("declared_at", t.declared_at), ("closed_at", t.closed_at)] {
            if let Some(v) = value {
                if v < t.detected_at {
                    report.semantic(
                        format!("/times/{field}"),
                        format!("a time not before detected_at {}", rfc(&t.detected_at)),
                        Some(rfc(&v)),
                    );
                }
            }
        }
        if self.phase.is_closed() && t.closed_at.is_none() {
            report.semantic(
                "/times/closed_at",
                format!("a closing time, since phase is `{}`", self.phase),
                None,
            );
        }
        if !self.phase.is_closed() && t.closed_at.is_some() {
            report.semantic(
                "/times/closed_at",
                format!("no closing time while phase is `{}`", self.phase),
                t.closed_at.as_ref().map(rfc),
            );
        }
    }

    /// The timeline's phase changes follow the table from `detected` and end in `phase`.
    fn check_lifecycle(&self, report: &mut ValidationReport) {
        let mut current = Phase::Detected;
        for (i, e) in self.timeline.events().iter().enumerate() {
            if let EventKind::PhaseChanged { from, to, .. } = e.event {
                if current != from {
                    report.semantic(
                        format!("/timeline/{i}/event/from"),
                        format!("`{current}`, the phase the incident was in"),
                        Some(quoted(&from)),
                    );
                }
                if !from.can_move_to(to) {
                    report.semantic(
                        format!("/timeline/{i}/event/to"),
                        format!("a legal move from `{from}` ({})", list(from.next())),
                        Some(quoted(&to)),
                    );
                }
                current = to;
            }
        }
        if current != self.phase {
            report.semantic(
                "/phase",
                format!("`{current}`, the phase the timeline last moved to"),
                Some(quoted(&self.phase)),
            );
        }
    }
}

impl crate::validation::sealed::Sealed for Incident {}

impl Document for Incident {
    const KIND: DocumentKind = DocumentKind::Incident;
    const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 1, 0);

    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }

    /// Times in order (`occurred_start ≤ occurred_end`, detection not before an exactly
    /// known start, declaration and closure not before detection), `closed_at` set exactly
    /// when closed, unique evidence ids, an intact hash chain, and phase changes on the
    /// timeline that follow the transition table from `detected` and end in `phase`.
    /// Whether the category is defined is the policy's to say
    /// ([`Policy::check_incident`](crate::Policy::check_incident)).
    fn check(&self, report: &mut ValidationReport) {
        crate::validation::strict::check_host(&self.extensions, "/extensions", report);
        self.check_times(report);
        check_unique(
            &self.jurisdictions,
            |j| j,
            "/jurisdictions",
            "",
            "a jurisdiction not listed before",
            report,
        );
        check_unique(
            &self.impact.affected_residents,
            |r| &r.jurisdiction,
            "/impact/affected_residents",
            "jurisdiction",
            "a jurisdiction not counted before",
            report,
        );
        check_unique(
            &self.evidence,
            |e| &e.id,
            "/evidence",
            "id",
            "an id unique among evidence",
            report,
        );
        if let Err(Error::BrokenChain { index, reason }) = self.timeline.verify() {
            report.semantic(
                format!("/timeline/{index}/{}", reason.field()),
                "an intact hash chain",
                Some(format!("timeline event {index} is broken: {reason}")),
            );
        }
        self.check_lifecycle(report);
    }

    fn from_json(json: &str) -> Result<Self, Error> {
        let doc = parse_structure::<IncidentDoc>(json, Self::KIND, &Self::SCHEMA_VERSION, Self::schema(), |d| {
            &d.schema_version
        })?;
        let incident = doc.unchecked();
        let mut report = ValidationReport::new(Self::KIND);
        incident.check(&mut report);
        finish(report).map(|()| incident)
    }
}

impl Incident {
    /// Parses and validates an incident document (see [`Document::from_json`]); the
    /// category is not checked here (see
    /// [`Policy::check_incident`](crate::Policy::check_incident)).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        <Self as Document>::from_json(json)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        <Self as Document>::to_json_pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn ic() -> ResponderId {
        ResponderId::new("ic").unwrap()
    }

    fn incident() -> Incident {
        Incident::new(
            IncidentId::new("INC-1").unwrap(),
            "test",
            CategoryId::new("prompt_injection").unwrap(),
            Detection::new(DetectionSource::Guardrail),
            t("2026-03-01T10:00:00Z"),
            ResponderId::new("guardrail").unwrap(),
        )
    }

    /// An incident in phase `p`, reached by legal moves.
    fn incident_in(p: Phase) -> Incident {
        let path: &[Phase] = match p {
            Phase::Detected => &[],
            Phase::Triaged => &[Phase::Triaged],
            Phase::Contained => &[Phase::Triaged, Phase::Contained],
            Phase::Eradicated => &[Phase::Triaged, Phase::Contained, Phase::Eradicated],
            Phase::Recovered => &[Phase::Triaged, Phase::Contained, Phase::Recovered],
            Phase::PostIncidentReview => &[
                Phase::Triaged,
                Phase::Contained,
                Phase::Recovered,
                Phase::PostIncidentReview,
            ],
            Phase::Closed => &[
                Phase::Triaged,
                Phase::Contained,
                Phase::Recovered,
                Phase::PostIncidentReview,
                Phase::Closed,
            ],
            Phase::ClosedFalsePositive => &[Phase::ClosedFalsePositive],
        };
        let mut inc = incident();
        for (i, &step) in path.iter().enumerate() {
            let at = t("2026-03-01T10:01:00Z") + TimeDelta::minutes(i as i64);
            inc.transition(step, at, ic()).unwrap();
        }
        assert_eq!(inc.phase(), p);
        inc
    }

    #[test]
    fn every_legal_move_is_accepted() {
        for from in Phase::ALL {
            for &to in from.next() {
                let mut inc = incident_in(from);
                let r = inc.transition(to, t("2026-03-01T11:00:00Z"), ic());
                assert!(r.is_ok(), "{from} -> {to}: {r:?}");
                assert_eq!(inc.phase(), to);
                assert_eq!(inc.validate(), Ok(()));
            }
        }
    }

    #[test]
    fn every_illegal_move_is_rejected_and_names_legal_ones() {
        let mut rejected = 0;
        for from in Phase::ALL {
            for to in Phase::ALL {
                if from.can_move_to(to) {
                    continue;
                }
                let mut inc = incident_in(from);
                let before = inc.timeline().len();
                let err = inc.transition(to, t("2026-03-01T11:00:00Z"), ic()).unwrap_err();
                assert_eq!(
                    err,
                    Error::IllegalTransition {
                        from: from.as_str(),
                        to: to.as_str(),
                        legal: list(from.next())
                    }
                );
                assert_eq!(inc.timeline().len(), before, "nothing appended on failure");
                assert_eq!(inc.phase(), from);
                rejected += 1;
            }
        }
        assert_eq!(rejected, 64 - 13, "8 × 8 pairs minus the 13 legal moves");
    }

    #[test]
    fn illegal_move_message() {
        let mut inc = incident();
        let err = inc
            .transition(Phase::Closed, t("2026-03-01T11:00:00Z"), ic())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "illegal transition from `detected` to `closed`: from `detected` the legal moves are `triaged`, `closed_false_positive`"
        );
    }

    #[test]
    fn full_lifecycle_with_reopen_and_metrics() {
        let mut inc = incident();
        inc.record(
            t("2026-03-01T10:04:00Z"),
            ic(),
            EventKind::Acknowledged { responder: ic() },
            Map::new(),
        )
        .unwrap();
        let steps = [
            (Phase::Triaged, "2026-03-01T10:10:00Z"),
            (Phase::Contained, "2026-03-01T10:30:00Z"),
            (Phase::Eradicated, "2026-03-01T12:00:00Z"),
            (Phase::Recovered, "2026-03-01T14:00:00Z"),
            (Phase::PostIncidentReview, "2026-03-02T09:00:00Z"),
            (Phase::Closed, "2026-03-05T09:00:00Z"),
        ];
        for (p, at) in steps {
            inc.transition(p, t(at), ic()).unwrap();
        }
        assert_eq!(inc.times.declared_at, Some(t("2026-03-01T10:10:00Z")));
        assert_eq!(inc.times.closed_at, Some(t("2026-03-05T09:00:00Z")));
        inc.transition(Phase::Triaged, t("2026-03-06T09:00:00Z"), ic()).unwrap();
        assert_eq!(inc.times.closed_at, None, "reopen clears closed_at");
        assert_eq!(
            inc.times.declared_at,
            Some(t("2026-03-01T10:10:00Z")),
            "reopen keeps first declaration"
        );
        assert_eq!(inc.timeline().verify(), Ok(()));
        let m = inc.metrics();
        assert_eq!(m.time_to_acknowledge, Some(TimeDelta::minutes(4)));
        assert_eq!(m.time_to_contain, Some(TimeDelta::minutes(30)));
        assert_eq!(m.time_to_recover, Some(TimeDelta::hours(4)));
        assert_eq!(m.time_to_close, Some(TimeDelta::days(4) - TimeDelta::hours(1)));
        assert_eq!(inc.validate(), Ok(()));
    }

    #[test]
    fn false_positive_closure() {
        let mut inc = incident();
        inc.transition(Phase::ClosedFalsePositive, t("2026-03-01T10:20:00Z"), ic())
            .unwrap();
        assert!(inc.phase().is_closed());
        assert_eq!(inc.metrics().time_to_close, Some(TimeDelta::minutes(20)));
    }

    #[test]
    fn transition_rejects_time_travel() {
        let mut inc = incident();
        let err = inc
            .transition(Phase::Triaged, t("2026-03-01T09:00:00Z"), ic())
            .unwrap_err();
        assert!(matches!(err, Error::OutOfOrder { .. }));
        assert_eq!(inc.phase(), Phase::Detected);
    }

    #[test]
    fn record_updates_severity_and_refuses_phase_events() {
        let mut inc = incident();
        inc.record(
            t("2026-03-01T10:01:00Z"),
            ic(),
            EventKind::SeverityChanged {
                from: None,
                to: Severity::High,
                reason: "assessed".into(),
            },
            Map::new(),
        )
        .unwrap();
        assert_eq!(inc.severity, Some(Severity::High));
        let err = inc
            .record(
                t("2026-03-01T10:02:00Z"),
                ic(),
                EventKind::PhaseChanged {
                    from: Phase::Detected,
                    to: Phase::Triaged,
                    reason: None,
                },
                Map::new(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::InvalidValue { .. }));
    }

    #[test]
    fn deserializing_checks_the_invariants() {
        let inc = incident_in(Phase::Contained);
        let mut doc = serde_json::to_value(&inc).unwrap();
        doc["phase"] = "recovered".into();
        let err = serde_json::from_value::<Incident>(doc).unwrap_err();
        assert!(err.to_string().contains("/phase"), "{err}");
        let mut doc = serde_json::to_value(&inc).unwrap();
        doc["timeline"][1]["actor"] = "mallory".into();
        let err = serde_json::from_value::<Incident>(doc).unwrap_err();
        assert!(err.to_string().contains("hash chain"), "{err}");
        let back: Incident = serde_json::from_value(serde_json::to_value(&inc).unwrap()).unwrap();
        assert_eq!(back, inc);
    }

    #[test]
    fn duplicate_evidence_is_refused() {
        let mut inc = incident();
        let digest = crate::Sha256Digest::of(b"log");
        let ev = Evidence::new("EV-1".parse().unwrap(), "log", digest, t("2026-03-01T10:05:00Z"));
        inc.add_evidence(ev.clone(), ic()).unwrap();
        assert!(inc.add_evidence(ev, ic()).is_err());
        assert_eq!(inc.evidence.len(), 1);
        assert_eq!(inc.timeline().len(), 2);
    }
}
