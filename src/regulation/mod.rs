//! Regulatory notification obligations: which reports an incident owes, to whom, by when.
//!
//! **Decision support, not legal advice.** Rules are data ([`Rule`]): a regime id, the
//! provision, the recipient, conditions on the incident's facts and the organisation's
//! [`RegulatoryProfile`], and one or more reports, each with limbs whose clocks run from
//! an [`Anchor`] (awareness, detection, declaration, a recorded determination, a report
//! sent) for an amount of a [`Unit`] (hours, calendar days, months, business days on a
//! [`Calendar`]). Where several limbs apply, the earliest deadline wins.
//!
//! The built-in rules (`data/regulation.json`, checked against the primary texts in
//! `docs/regulation.md`) use these regime ids and report kinds, a stable contract:
//!
//! | Regime | Reports | Clock |
//! |---|---|---|
//! | `eu-ai-act-art73` | `report` | 15 days from awareness; 2 days for critical infrastructure (Art. 3(49)(b)) or a widespread infringement; 10 days on a death (Reg. (EU) 2024/1689 Art. 73(2)–(4)) |
//! | `gpai-cop` | `report` | 2 / 5 / 10 / 15 days from awareness of the model's involvement (GPAI Code of Practice, Measure 9.3) |
//! | `gdpr-art33` | `notification` | 72 hours from awareness (Reg. (EU) 2016/679 Art. 33(1)) |
//! | `nis2-art23` | `early_warning`, `notification`, `final` | 24 h; 72 h (24 h for trust service providers); one month after the notification was sent (Dir. (EU) 2022/2555 Art. 23(4)) |
//! | `dora` | `initial`, `intermediate`, `final` | the earlier of 4 h from classification as major and 24 h from awareness; 72 h from the initial notification's submission; one month from the latest intermediate report (Delegated Reg. (EU) 2025/301 Art. 5) |
//! | `sec-8k-1.05` | `form_8k` | four business days from the materiality determination, Eastern Time (Form 8-K Item 1.05, General Instruction B.1) |
//! | `cra-art14` | `early_warning`, `notification`, `final` | 24 h; 72 h; 14 days after a fix (vulnerability) or one month after the notification (incident) (Reg. (EU) 2024/2847 Art. 14) |
//! | `hipaa-breach` | `individuals`, `media`, `hhs` | 60 calendar days from discovery; HHS at the same time for 500 or more, else 60 days after the year's end (45 CFR 164.404–408) |
//!
//! **Conservative by default.** The `deadline` of an [`Obligation`] is the earliest
//! defensible instant: hours and days added to the UTC instant (72 elapsed hours, not
//! three wall-clock days), months to the same date, nothing rolled forward for weekends
//! or holidays. Where the regime's counting rules allow later (Reg. 1182/71 rolling a
//! period that ends on a non-working day; DORA's noon-of-the-next-working-day relief),
//! the later instant is given separately as `legal_latest`, labelled with the rule and
//! calendar, never as the default.
//!
//! An obligation that hinges on a fact not yet recorded (a determination, the
//! jurisdictions, a count) is listed as `potential`, with the deadline it would have.
//!
//! # Examples
//!
//! ```
//! use aiir::incident::{Detection, DetectionSource};
//! use aiir::regulation::{ObligationStatus, Regulation, RegulatoryProfile};
//! use aiir::{Harm, HarmKind, Impact, Incident};
//!
//! let incident = Incident::new(
//!     "INC-9".parse()?,
//!     "Chat logs with customer addresses exposed",
//!     "data_leakage".parse()?,
//!     Detection::new(DetectionSource::AutomatedMonitoring),
//!     "2026-03-27T09:00:00Z".parse()?,
//!     "soc".parse()?,
//! )
//! .with_aware_at("2026-03-27T10:00:00Z".parse()?)
//! .with_jurisdictions(["DE".parse()?])
//! .with_impact(Impact::default().with_harms([Harm::new(HarmKind::Privacy).with_records(1200u64)]));
//!
//! let profile = RegulatoryProfile::new(["gdpr-art33".parse()?]);
//! let regulation = Regulation::new(&profile)?;
//! let owed = regulation.obligations(&incident, "2026-03-28T10:00:00Z".parse()?);
//! let gdpr = &owed.obligations[0];
//! assert_eq!(gdpr.report.as_str(), "notification");
//! // 72 elapsed hours across the change to summer time: 10:00Z, not 09:00Z.
//! assert_eq!(gdpr.deadline, Some("2026-03-30T10:00:00Z".parse()?));
//! assert_eq!(gdpr.status, ObligationStatus::Pending);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod art73;
mod calendar;
mod obligations;
mod rules;

use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use art73::{Art73Report, Classification, MissingField, ReportType, SystemPart};
pub use obligations::{
    AnchorUsed, LegalLatest, NotOwed, Obligation, ObligationStatus, Obligations, PotentialDeadline, Regulation,
};
pub use rules::{
    Anchor, Attribute, Calendar, Clock, Condition, LegalRule, Limb, MAX_CLOCK_AMOUNT, ReportRule, Rule, RuleSet,
    Sending, Unit,
};

use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::id::RegimeId;
use crate::report::{ValidationReport, quoted};
use crate::validation::check_unique;

/// The built-in rules and calendars, as JSON (`data/regulation.json`).
pub const BUILTIN_RULES_JSON: &str = include_str!("../../data/regulation.json");

/// The built-in rules and calendars, parsed once from [`BUILTIN_RULES_JSON`], which the
/// test suite checks.
pub fn builtin_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        // Compiled-in constant data, checked by the test suite; a failure here is a
        // build defect, not an input error.
        #[allow(clippy::expect_used)]
        serde_json::from_str(BUILTIN_RULES_JSON).expect("built-in regulation rules are valid")
    })
}

/// A start date a profile sets for one regime (replacing the rule's `applies_from`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct StartDate {
    /// The regime.
    pub regime: RegimeId,
    /// The date from which it applies to the organisation.
    pub from: NaiveDate,
}

impl StartDate {
    /// `regime` applies from `from`.
    pub fn new(regime: RegimeId, from: NaiveDate) -> Self {
        Self { regime, from }
    }
}

/// The organisation's regulatory profile: the policy's `regulation` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RegulatoryProfile {
    /// The regimes the organisation is subject to (e.g. `gdpr-art33`, `dora`): only
    /// these owe obligations. No repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_to: Vec<RegimeId>,
    /// Attributes that change how a regime applies (NIS2 trust service provider, DORA
    /// relief excluded). No repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    /// Start dates chosen for regimes (e.g. when counsel holds that Art. 73 applies to
    /// the organisation's system); replaces the rule's `applies_from`. One per regime.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_from: Vec<StartDate>,
    /// Holidays added to every calendar, the SEC's included: only days on which every
    /// recipient is closed (a Member State's holidays belong in its calendar).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
    /// Calendars; one with a built-in calendar's id replaces it. Unique ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<Calendar>,
    /// Rules; one with a built-in rule's regime replaces it. Unique regimes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// How close to a deadline an obligation counts as `due_soon` (weeks, days, hours,
    /// minutes or seconds); a quarter of its clock when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_soon: Option<IsoDuration>,
}

impl RegulatoryProfile {
    /// A profile subject to `regimes`, with the built-in rules and calendars.
    pub fn new(regimes: impl IntoIterator<Item = RegimeId>) -> Self {
        Self {
            subject_to: regimes.into_iter().collect(),
            ..Self::default()
        }
    }

    setters! {
        with_subject_to => subject_to: list RegimeId;
        with_attributes => attributes: list Attribute;
        with_applies_from => applies_from: list StartDate;
        with_holidays => holidays: list NaiveDate;
        with_calendars => calendars: list Calendar;
        with_rules => rules: list Rule;
        with_due_soon => due_soon: opt IsoDuration;
    }

    /// Checks the profile's own lists (rules are checked when compiled).
    pub(crate) fn check(&self, base: &str, report: &mut ValidationReport) {
        check_unique(
            &self.subject_to,
            |r| r,
            &format!("{base}/subject_to"),
            "",
            "a regime not listed before",
            report,
        );
        check_unique(
            &self.attributes,
            |a| AttributeName(*a),
            &format!("{base}/attributes"),
            "",
            "an attribute not listed before",
            report,
        );
        check_unique(
            &self.applies_from,
            |s| &s.regime,
            &format!("{base}/applies_from"),
            "regime",
            "one start date per regime",
            report,
        );
        check_unique(
            &self.calendars,
            |c| &c.id,
            &format!("{base}/calendars"),
            "id",
            "a calendar id unique in the profile",
            report,
        );
        check_unique(
            &self.rules,
            |r| &r.regime,
            &format!("{base}/rules"),
            "regime",
            "a regime unique in the profile",
            report,
        );
        if let Some(d) = &self.due_soon {
            if d.is_calendar() || d.exact_part() <= chrono::TimeDelta::zero() {
                report.semantic(
                    format!("{base}/due_soon"),
                    "a positive duration in weeks, days, hours, minutes or seconds",
                    Some(quoted(d)),
                );
            }
        }
        let known: std::collections::BTreeSet<&RegimeId> = builtin_rules()
            .rules
            .iter()
            .map(|r| &r.regime)
            .chain(self.rules.iter().map(|r| &r.regime))
            .collect();
        let expected = || {
            format!(
                "the regime id of a rule: {}",
                known.iter().map(quoted).collect::<Vec<_>>().join(", ")
            )
        };
        let unknown = self
            .subject_to
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("{base}/subject_to/{i}"), r))
            .chain(
                self.applies_from
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (format!("{base}/applies_from/{i}/regime"), &s.regime)),
            );
        for (pointer, regime) in unknown {
            if !known.contains(regime) {
                report.semantic(pointer, expected(), Some(quoted(regime)));
            }
        }
    }
}

/// An attribute displayed by its wire name (for duplicate reports).
#[derive(PartialEq, Eq, Hash)]
struct AttributeName(Attribute);

impl std::fmt::Display for AttributeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.0.as_str())
    }
}

/// The wire name of a unit enum variant (`"major_incident"`), empty for anything else.
pub(crate) fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
