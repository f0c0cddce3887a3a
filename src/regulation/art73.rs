//! A pre-filled EU AI Act Art. 73 serious-incident report.
//!
//! The fields follow the Commission's draft template *Incident Report for Serious
//! Incidents under the AI Act (High-risk AI systems)*, v1.0.0 (published 26 September
//! 2025 for consultation; no final version was found), sections 1–4, as summarised in
//! `reference/reporting.md` §1.2. What the incident cannot supply is listed in `missing`.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::contact::Contact;
use crate::id::{IncidentId, Jurisdiction};
use crate::impact::{HarmKind, Realization};
use crate::incident::{AssetKind, CausalLink, Incident, RootCause};
use crate::ssrm::Actor;
use crate::timeline::{ActionOutcome, Determination, EventKind};

/// The regime id whose sent reports decide the report type.
const REGIME: &str = "eu-ai-act-art73";

/// The template's report types (§1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReportType {
    /// The first report (it may be incomplete: Art. 73(5)).
    Initial,
    /// A report after the initial one, before the incident is closed.
    FollowUp,
    /// The only report, sent once the incident is closed.
    CombinedInitialAndFinal,
    /// The final report on a reportable incident.
    FinalReportable,
    /// The final report on an incident found not reportable (a `determined`
    /// `serious_incident` event with `holds: false`); §4.2 asks for the rationale.
    FinalNonReportable,
}

/// The template's classification tick-boxes against the Art. 3(49) limbs (§1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Classification {
    /// Death of a person (Art. 3(49)(a)).
    Death,
    /// Serious harm to a person's health (Art. 3(49)(a)).
    SeriousHarmToHealth,
    /// Serious and irreversible disruption of critical infrastructure (Art. 3(49)(b)).
    CriticalInfrastructureDisruption,
    /// Infringement of obligations protecting fundamental rights (Art. 3(49)(c)).
    FundamentalRightsInfringement,
    /// Serious harm to property (Art. 3(49)(d)).
    HarmToProperty,
    /// Serious harm to the environment (Art. 3(49)(d)).
    HarmToEnvironment,
}

/// One version-bearing part of the AI system (§2.2 "software version").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SystemPart {
    /// The asset id.
    pub id: String,
    /// Its kind, e.g. `model`.
    pub kind: AssetKind,
    /// Its name, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its version, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A field of the template the incident could not fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct MissingField {
    /// The template section, e.g. `1.1`.
    pub section: String,
    /// The field, as the template names it.
    pub field: String,
    /// Where the incident would hold it, or that the host must supply it.
    pub hint: String,
}

/// A pre-filled EU AI Act Art. 73 serious-incident report (schema
/// `urn:aiir:schema:art73-report:1`): what the incident record can fill, and what is
/// still missing. Decision support, not legal advice; the template is a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Art73Report {
    /// The schema version of this document (semver).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The incident the report is about.
    pub incident: IncidentId,
    /// The template the fields follow.
    pub template: String,
    /// §1.2 Report type, from the Art. 73 reports already sent and the phase.
    pub report_type: ReportType,
    /// §1.1 The Member States whose market surveillance authority may be responsible
    /// (the incident's EU jurisdictions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_states: Vec<Jurisdiction>,
    /// §1.2 Date of the incident (when it started).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_date: Option<DateTime<Utc>>,
    /// §1.2 Date and time of detection.
    pub detected_at: DateTime<Utc>,
    /// §1.2 Awareness date of reportability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aware_at: Option<DateTime<Utc>>,
    /// §1.2 Classification of the serious incident (occurred harms by Art. 3(49) limb).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classification: Vec<Classification>,
    /// §1.3.2 The provider (the supply-chain party in the application-provider role, or
    /// else the model provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Contact>,
    /// §1.3.5 Regimes the incident was already reported under (`notification_sent`
    /// events of other regimes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub already_reported_under: Vec<String>,
    /// §2.2 The AI system's parts with their versions (affected models, applications,
    /// agents, prompts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub system: Vec<SystemPart>,
    /// §3.1 Nature of the incident: what went wrong, its effects, likely causality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<String>,
    /// §3.1 The chain of events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_of_events: Option<String>,
    /// §3.1 How sure the causal link to the AI system is (Art. 73(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causal_link: Option<CausalLink>,
    /// §3.2 Number of users affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_affected: Option<u64>,
    /// §3.2 Remedial actions taken (successful `action_executed` events).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remedial_actions: Vec<String>,
    /// §3.3 The initial reporter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_reporter: Option<Contact>,
    /// §4.2 Root cause and causative factors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<RootCause>,
    /// §4.1 Corrective and preventive actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrective_actions: Vec<String>,
    /// Fields still to fill before submission.
    pub missing: Vec<MissingField>,
}

fn missing(section: &str, field: &str, hint: &str) -> MissingField {
    MissingField {
        section: section.to_owned(),
        field: field.to_owned(),
        hint: hint.to_owned(),
    }
}

fn classification(kind: HarmKind) -> Option<Classification> {
    Some(match kind {
        HarmKind::Death => Classification::Death,
        HarmKind::Health | HarmKind::Safety => Classification::SeriousHarmToHealth,
        HarmKind::CriticalInfrastructure => Classification::CriticalInfrastructureDisruption,
        HarmKind::Rights => Classification::FundamentalRightsInfringement,
        HarmKind::Property => Classification::HarmToProperty,
        HarmKind::Environment => Classification::HarmToEnvironment,
        _ => return None,
    })
}

impl Art73Report {
    /// The template the fields follow.
    pub const TEMPLATE: &'static str = "Incident Report for Serious Incidents under the AI Act (High-risk AI systems), draft v1.0.0 (European Commission, 26 September 2025)";

    /// Pre-fills the report from `incident`.
    pub fn from_incident(incident: &Incident) -> Self {
        let eu = Jurisdiction::new("EU").ok();
        let member_states: Vec<Jurisdiction> = incident
            .jurisdictions
            .iter()
            .filter(|j| j.as_str() != "EU" && eu.as_ref().is_some_and(|eu| j.within(eu)))
            .cloned()
            .collect();
        let mut classes: Vec<Classification> = incident
            .impact
            .harms
            .iter()
            .filter(|h| h.realization == Realization::Occurred)
            .filter_map(|h| classification(h.kind))
            .collect();
        classes.sort_unstable();
        classes.dedup();
        let provider_party = [Actor::Ap, Actor::Mp]
            .iter()
            .find_map(|actor| incident.parties.iter().find(|p| p.roles.contains(actor)));
        let provider_contact_missing = provider_party.is_some_and(|p| p.contact.is_none());
        let provider = provider_party.map(|p| {
            p.contact
                .clone()
                .unwrap_or_else(|| Contact::new(p.name.clone()).with_organization(p.name.clone()))
        });
        let mut sent_art73 = 0usize;
        let mut already: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut remedial = Vec::new();
        for e in incident.timeline().events() {
            match &e.event {
                EventKind::NotificationSent { regime: Some(r), .. } if r == REGIME => {
                    sent_art73 = sent_art73.saturating_add(1);
                }
                EventKind::NotificationSent { regime: Some(r), .. } => {
                    already.insert(r.as_str());
                }
                EventKind::ActionExecuted {
                    action,
                    outcome: ActionOutcome::Succeeded,
                    ..
                } => remedial.push(format!(
                    "{action} ({})",
                    e.at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                )),
                _ => {}
            }
        }
        let closed = incident.phase().is_closed();
        let not_serious = incident.timeline().events().iter().rev().find_map(|e| match &e.event {
            EventKind::Determined {
                what: Determination::SeriousIncident,
                holds,
                ..
            } => Some(*holds == Some(false)),
            _ => None,
        });
        let report_type = match (sent_art73, closed) {
            (_, true) if not_serious == Some(true) => ReportType::FinalNonReportable,
            (0, false) => ReportType::Initial,
            (0, true) => ReportType::CombinedInitialAndFinal,
            (_, false) => ReportType::FollowUp,
            (_, true) => ReportType::FinalReportable,
        };
        let system: Vec<SystemPart> = incident
            .affected
            .iter()
            .filter(|a| {
                matches!(
                    a.kind,
                    AssetKind::Model | AssetKind::Application | AssetKind::Agent | AssetKind::Prompt
                )
            })
            .map(|a| SystemPart {
                id: a.id.to_string(),
                kind: a.kind,
                name: a.name.clone(),
                version: a.version.as_ref().map(ToString::to_string),
            })
            .collect();
        let mut report = Self {
            schema_version: semver::Version::new(1, 0, 0),
            incident: incident.id.clone(),
            template: Self::TEMPLATE.to_owned(),
            report_type,
            member_states,
            incident_date: incident.times.occurred_start.map(|r| r.at),
            detected_at: incident.times.detected_at,
            aware_at: incident.times.aware_at,
            classification: classes,
            provider,
            already_reported_under: already.into_iter().map(str::to_owned).collect(),
            system,
            nature: Some(incident.summary.clone()).filter(|s| !s.is_empty()),
            chain_of_events: incident.chain_of_events.clone(),
            causal_link: incident.causal_link,
            users_affected: incident.impact.users_affected,
            remedial_actions: remedial,
            initial_reporter: incident.reporter.clone(),
            root_cause: incident.root_cause.clone(),
            corrective_actions: incident
                .corrective_actions
                .iter()
                .map(|a| a.description.clone())
                .collect(),
            missing: Vec::new(),
        };
        report.missing = report.find_missing();
        if provider_contact_missing {
            report.missing.push(missing(
                "1.3.2",
                "Provider contact details",
                "a `contact` on the provider's entry in `parties`",
            ));
        }
        report
    }

    /// The template fields this report leaves empty.
    fn find_missing(&self) -> Vec<MissingField> {
        let mut out = vec![
            missing(
                "1.1",
                "Responsible market surveillance authority and its reference number",
                "host: the authority the Member State designated, and its reference once assigned",
            ),
            missing("1.2", "Date of report submission", "host: set when submitting"),
            missing(
                "1.3.1",
                "Submitter role (provider, deployer, authorised representative, other)",
                "host: the organisation's role for this system",
            ),
            missing(
                "1.3.3",
                "Authorised representative, if applicable",
                "host: the authorised representative's organisation and contact",
            ),
            missing(
                "2.1",
                "EU database registration ID (Art. 71)",
                "host: the system's registration in the EU database",
            ),
            missing(
                "3.2",
                "Operator (professional user or other)",
                "host: who operated the system when the incident happened",
            ),
            missing(
                "4.2",
                "Risk assessment review (reviewed, still adequate, result)",
                "host: the provider's review of its risk assessment",
            ),
        ];
        let mut gap = |cond: bool, section: &str, field: &str, hint: &str| {
            if cond {
                out.push(missing(section, field, hint));
            }
        };
        gap(
            self.member_states.is_empty(),
            "1.1",
            "Country of the authority",
            "incident `jurisdictions` (an EU member state code)",
        );
        gap(
            self.incident_date.is_none(),
            "1.2",
            "Date of the incident",
            "incident `times.occurred_start`",
        );
        gap(
            self.aware_at.is_none(),
            "1.2",
            "Awareness date of reportability",
            "incident `times.aware_at`",
        );
        gap(
            self.classification.is_empty(),
            "1.2",
            "Classification of serious incident",
            "an occurred harm in `impact.harms` of an Art. 3(49) kind",
        );
        gap(
            self.provider.is_none(),
            "1.3.2",
            "Provider",
            "a party in `parties` with role `AP` (or `MP`), with a contact",
        );
        gap(
            self.system.is_empty(),
            "2.2",
            "System identification and software version",
            "`affected` assets of kind model, application, agent or prompt, with versions",
        );
        gap(
            self.system.iter().any(|p| p.version.is_none()),
            "2.2",
            "Software version",
            "a `version` on every affected model, application, agent and prompt",
        );
        gap(self.nature.is_none(), "3.1", "Nature of incident", "incident `summary`");
        gap(
            self.causal_link.is_none(),
            "3.1",
            "Likely causality",
            "incident `causal_link`",
        );
        gap(
            self.users_affected.is_none(),
            "3.2",
            "Number of users affected",
            "incident `impact.users_affected`",
        );
        gap(
            self.initial_reporter.is_none(),
            "3.3",
            "Initial reporter",
            "incident `reporter`",
        );
        gap(
            self.root_cause.is_none(),
            "4.1",
            "Preliminary results of the investigation",
            "incident `root_cause`",
        );
        gap(
            self.corrective_actions.is_empty(),
            "4.1",
            "Corrective and preventive actions",
            "incident `corrective_actions`",
        );
        out
    }

    /// The report as Markdown for people to review before filing.
    pub fn to_markdown(&self) -> String {
        let t = |d: &DateTime<Utc>| d.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        let or_missing = |v: Option<String>| v.unwrap_or_else(|| "_missing_".to_owned());
        let mut s = String::new();
        let _ = writeln!(s, "# EU AI Act Art. 73 serious-incident report: {}\n", self.incident);
        let _ = writeln!(
            s,
            "_Pre-filled by aiir from the incident record. Decision support, not legal advice. Template: {}._\n",
            self.template
        );
        let _ = writeln!(s, "## 1. Administrative information\n");
        let _ = writeln!(s, "- Report type: {}", super::wire(&self.report_type));
        let states = self
            .member_states
            .iter()
            .map(Jurisdiction::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            s,
            "- Member State(s): {}",
            or_missing(Some(states).filter(|x| !x.is_empty()))
        );
        let _ = writeln!(
            s,
            "- Date of the incident: {}",
            or_missing(self.incident_date.as_ref().map(t))
        );
        let _ = writeln!(s, "- Detected: {}", t(&self.detected_at));
        let _ = writeln!(
            s,
            "- Awareness of reportability: {}",
            or_missing(self.aware_at.as_ref().map(t))
        );
        let classes = self
            .classification
            .iter()
            .map(super::wire)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            s,
            "- Classification: {}",
            or_missing(Some(classes).filter(|x| !x.is_empty()))
        );
        let _ = writeln!(
            s,
            "- Provider: {}",
            or_missing(self.provider.as_ref().map(|c| c.name.clone()))
        );
        if !self.already_reported_under.is_empty() {
            let _ = writeln!(
                s,
                "- Already reported under: {}",
                self.already_reported_under.join(", ")
            );
        }
        let _ = writeln!(s, "\n## 2. AI system\n");
        if self.system.is_empty() {
            let _ = writeln!(s, "_missing_");
        }
        for p in &self.system {
            let _ = writeln!(
                s,
                "- {} ({}){}: version {}",
                p.id,
                super::wire(&p.kind),
                p.name.as_ref().map(|n| format!(" {n}")).unwrap_or_default(),
                or_missing(p.version.clone())
            );
        }
        let _ = writeln!(s, "\n## 3. Incident information\n");
        let _ = writeln!(s, "- Nature: {}", or_missing(self.nature.clone()));
        if let Some(c) = &self.chain_of_events {
            let _ = writeln!(s, "- Chain of events: {c}");
        }
        let _ = writeln!(
            s,
            "- Causal link: {}",
            or_missing(self.causal_link.as_ref().map(super::wire))
        );
        let _ = writeln!(
            s,
            "- Users affected: {}",
            or_missing(self.users_affected.map(|n| n.to_string()))
        );
        let _ = writeln!(
            s,
            "- Remedial actions: {}",
            or_missing(Some(self.remedial_actions.join("; ")).filter(|x| !x.is_empty()))
        );
        let _ = writeln!(
            s,
            "- Initial reporter: {}",
            or_missing(self.initial_reporter.as_ref().map(|c| c.name.clone()))
        );
        let _ = writeln!(s, "\n## 4. Provider analysis\n");
        let _ = writeln!(
            s,
            "- Root cause: {}",
            or_missing(
                self.root_cause
                    .as_ref()
                    .map(|r| format!("{} ({})", r.description, super::wire(&r.class)))
            )
        );
        let _ = writeln!(
            s,
            "- Corrective and preventive actions: {}",
            or_missing(Some(self.corrective_actions.join("; ")).filter(|x| !x.is_empty()))
        );
        let _ = writeln!(s, "\n## Still missing\n");
        for m in &self.missing {
            let _ = writeln!(s, "- §{} {}: {}", m.section, m.field, m.hint);
        }
        s
    }
}
