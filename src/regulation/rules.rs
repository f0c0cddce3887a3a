//! Notification rules as data: regimes, their reports, and the clocks that set deadlines.

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::id::{CategoryId, Jurisdiction, RegimeId, ReportKind};
use crate::impact::{HarmKind, Realization};
use crate::timeline::Determination;

/// The largest clock amount a rule may give (hours, days, months or business days).
pub const MAX_CLOCK_AMOUNT: u32 = 10_000;

/// A regulatory notification rule: one regime, the reports it asks for, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Rule {
    /// The regime id, e.g. `gdpr-art33`; the organisation is subject to the rule when its
    /// profile lists this id.
    pub regime: RegimeId,
    /// A short name, e.g. `GDPR personal data breach notification`.
    pub name: String,
    /// The legal source, e.g. `Reg. (EU) 2016/679 Art. 33(1)`.
    pub article: String,
    /// Who receives the reports, unless a report names its own recipient.
    pub recipient: String,
    /// The date from which the rule applies: incidents the organisation became aware of
    /// earlier owe nothing under it. A profile may set another date (counsel's call where
    /// the law leaves it open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    /// The IANA time zone deadlines are shown in and local dates are read in, e.g.
    /// `Europe/Brussels` or `America/New_York`.
    pub time_zone: String,
    /// The id of the calendar business days and legal time-limit rules count on;
    /// required when a clock counts business days or a legal rule is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Conditions that must all hold for the rule to apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// How a deadline may legally extend past the default (conservative) one, for every
    /// report that does not set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_rule: Option<LegalRule>,
    /// The reports owed, each with its clock.
    pub reports: Vec<ReportRule>,
    /// A caveat shown with every obligation under the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Rule {
    /// A rule for `regime` with the given reports, deadlines shown in `time_zone`.
    pub fn new(
        regime: RegimeId,
        name: impl Into<String>,
        article: impl Into<String>,
        recipient: impl Into<String>,
        time_zone: impl Into<String>,
        reports: impl IntoIterator<Item = ReportRule>,
    ) -> Self {
        Self {
            regime,
            name: name.into(),
            article: article.into(),
            recipient: recipient.into(),
            applies_from: None,
            time_zone: time_zone.into(),
            calendar: None,
            when: Vec::new(),
            legal_rule: None,
            reports: reports.into_iter().collect(),
            note: None,
        }
    }

    setters! {
        with_applies_from => applies_from: opt NaiveDate;
        with_calendar => calendar: opt String;
        with_when => when: list Condition;
        with_legal_rule => legal_rule: opt LegalRule;
        with_note => note: opt String;
    }
}

/// One report a rule asks for, with one or more limbs: the deadline is the earliest
/// among the limbs that apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportRule {
    /// The report kind, e.g. `early_warning`; unique within the rule.
    pub report: ReportKind,
    /// Who receives this report, when not the rule's recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The limbs; at least one.
    pub limbs: Vec<Limb>,
    /// Overrides the rule's legal rule for this report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_rule: Option<LegalRule>,
}

impl ReportRule {
    /// A report of kind `report` with the given limbs.
    pub fn new(report: ReportKind, limbs: impl IntoIterator<Item = Limb>) -> Self {
        Self {
            report,
            recipient: None,
            limbs: limbs.into_iter().collect(),
            legal_rule: None,
        }
    }

    setters! {
        with_recipient => recipient: opt String;
        with_legal_rule => legal_rule: opt LegalRule;
    }
}

/// One way a report becomes due: a clock, the conditions under which it applies, and
/// the provision it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Limb {
    /// The provision, e.g. `Art. 73(4)`.
    pub article: String,
    /// The clock.
    pub clock: Clock,
    /// Conditions that must all hold for this limb to apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// The limb gives way when its deadline falls before this anchor (DORA RTS Art. 5(2):
    /// the 24-hour limb does not bind when classification as major comes later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapses_before: Option<Anchor>,
}

impl Limb {
    /// A limb from `article` with `clock` and no conditions.
    pub fn new(article: impl Into<String>, clock: Clock) -> Self {
        Self {
            article: article.into(),
            clock,
            when: Vec::new(),
            lapses_before: None,
        }
    }

    setters! {
        with_when => when: list Condition;
        with_lapses_before => lapses_before: opt Anchor;
    }
}

/// A clock: `amount` `unit`s from an anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Clock {
    /// What the clock runs from.
    pub anchor: Anchor,
    /// How many units, 1 to 10000.
    #[schemars(range(min = 1, max = 10000))]
    pub amount: u32,
    /// The unit.
    pub unit: Unit,
}

impl Clock {
    /// `amount` `unit`s from `anchor`.
    pub fn new(anchor: Anchor, amount: u32, unit: Unit) -> Self {
        Self { anchor, amount, unit }
    }
}

/// What a clock runs from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Anchor {
    /// When the organisation became aware (`times.aware_at`; `times.detected_at`, which
    /// is earlier, when awareness is not recorded).
    Awareness,
    /// When the incident was detected (`times.detected_at`).
    Detection,
    /// When it was declared (`times.declared_at`).
    Declaration,
    /// When a determination was first recorded as holding (a `determined` event).
    Determined {
        /// Which determination.
        what: Determination,
    },
    /// When a report of this regime was sent (a `notification_sent` event naming the
    /// regime and report).
    ReportSent {
        /// Which report.
        report: ReportKind,
        /// The first sending or the latest one.
        #[serde(default)]
        which: Sending,
    },
    /// The end of the calendar year (in the rule's time zone) in which the organisation
    /// became aware (HIPAA 45 CFR 164.408(c): the annual log of small breaches).
    AwarenessYearEnd,
}

/// Which sending of a report a clock runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sending {
    /// The first time it was sent.
    #[default]
    First,
    /// The latest time it was sent (DORA: the latest updated intermediate report).
    Latest,
}

/// The unit of a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// Elapsed hours, added to the UTC instant (never extended for weekends).
    Hours,
    /// Calendar days; by default added to the instant as 24-hour days.
    Days,
    /// Calendar months, to the same day of the month (clamped to the month's end).
    Months,
    /// Business days on the rule's calendar: the anchor's local day is not counted (nor,
    /// when the anchor falls on a non-business day, any day before the next business
    /// day: SEC Form 8-K General Instruction B.1); the deadline is the calendar's cut-off
    /// time on the last day.
    BusinessDays,
}

/// A condition on the incident's facts or the organisation's profile.
///
/// Each evaluates to *holds*, *does not hold*, or *unknown* (a fact not yet recorded);
/// an obligation that hinges on an unknown is listed as `potential`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Condition {
    /// A harm of one of these kinds, realised at least this far.
    Harm {
        /// The harm kinds; any one matches.
        any_of: Vec<HarmKind>,
        /// How far it must be realised (default `occurred`).
        #[serde(default = "occurred")]
        at_least: Realization,
    },
    /// At least this many personal-data records affected (the sum over privacy harms).
    PersonalDataRecords {
        /// The threshold.
        at_least: u64,
    },
    /// At least this many users affected (`impact.users_affected`; unknown when absent).
    UsersAffected {
        /// The threshold.
        at_least: u64,
    },
    /// More than this many affected residents in one jurisdiction
    /// (`impact.affected_residents`; unknown when none are counted there).
    ResidentsInOneJurisdiction {
        /// The threshold, exclusive.
        more_than: u64,
        /// Count only jurisdictions strictly inside these areas (`["US"]`: the States,
        /// not a country-wide count); any jurisdiction when empty.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        within: Vec<Jurisdiction>,
    },
    /// One of the incident's jurisdictions lies within one of these (a country includes
    /// its subdivisions, `EU` its member states); unknown when none are recorded.
    Jurisdiction {
        /// The jurisdictions; any one matches.
        any_of: Vec<Jurisdiction>,
    },
    /// The incident's category is one of these.
    Category {
        /// The categories; any one matches.
        any_of: Vec<CategoryId>,
    },
    /// Active exploitation was observed (`impact.exploitation_observed`).
    ExploitationObserved,
    /// A determination was recorded as holding; unknown until one is recorded.
    Determined {
        /// Which determination.
        what: Determination,
    },
    /// Holds unless the determination was recorded as *not* holding (e.g. a breach
    /// found unlikely to result in a risk).
    NotRuledOut {
        /// Which determination.
        what: Determination,
    },
    /// The organisation's profile has this attribute.
    Attribute {
        /// The attribute.
        is: Attribute,
    },
}

fn occurred() -> Realization {
    Realization::Occurred
}

/// An attribute of the organisation that changes how a regime applies to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Attribute {
    /// A trust service provider under NIS2 (Art. 23(4) second subparagraph: the
    /// notification is due within 24 hours).
    Nis2TrustServiceProvider,
    /// A credit institution, CCP, trading-venue operator, or NIS2 essential or important
    /// entity, or an entity whose authority switched the relief off: DORA's
    /// next-working-day relief does not cover its initial and intermediate reports
    /// (Delegated Reg. (EU) 2025/301 Art. 5(5)–(6)).
    DoraReliefExcluded,
}

impl Attribute {
    /// The wire name, e.g. `dora_relief_excluded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nis2TrustServiceProvider => "nis2_trust_service_provider",
            Self::DoraReliefExcluded => "dora_relief_excluded",
        }
    }
}

/// How a deadline may legally extend past the default (earliest defensible) instant.
/// The extended deadline is reported separately as `legal_latest`, never as the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LegalRule {
    /// Reg. (EEC, Euratom) No 1182/71 (periods, dates and time limits): the hour or day
    /// of the event is not counted (Art. 3(1)); a period ends at the expiry of its last
    /// hour or day (Art. 3(2)); a period in days or months ending on a Saturday, Sunday or
    /// holiday ends with the next working day (Art. 3(4)); periods in hours never roll.
    /// Dates are read on the rule's calendar.
    #[serde(rename = "eu_1182_71")]
    Eu118271,
    /// DORA (Delegated Reg. (EU) 2025/301 Art. 5(4)): a deadline falling on a weekend day
    /// or bank holiday may be met by noon of the next working day, on the rule's calendar.
    NextWorkingDayNoon {
        /// The relief does not apply when all of these hold (Art. 5(5)–(6)).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unless: Vec<Condition>,
    },
}

/// A business-day calendar: weekends (Saturday and Sunday), holidays, a time zone and
/// the time of day a business day's filings close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Calendar {
    /// The calendar's id, e.g. `us-sec`; rules name it.
    pub id: String,
    /// The IANA time zone its dates are read in.
    pub time_zone: String,
    /// Days other than Saturday and Sunday on which the recipient is closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
    /// The first year the holiday list covers; counting before it uses weekends only,
    /// and the obligation says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays_from: Option<i32>,
    /// The last year the holiday list covers; counting past it uses weekends only, and
    /// the obligation says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays_through: Option<i32>,
    /// When a business day's filings close, e.g. `17:30:00` (17 CFR 232.13: EDGAR
    /// filings after 5:30 p.m. Eastern are filed the next business day); the end of the
    /// day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "cutoff_time")]
    #[schemars(
        with = "String",
        regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?$")
    )]
    pub cutoff: Option<NaiveTime>,
    /// Where the holiday list comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Calendar {
    /// A calendar `id` in `time_zone` with weekends only.
    pub fn new(id: impl Into<String>, time_zone: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            time_zone: time_zone.into(),
            holidays: Vec::new(),
            holidays_from: None,
            holidays_through: None,
            cutoff: None,
            source: None,
        }
    }

    setters! {
        with_holidays => holidays: list NaiveDate;
        with_holidays_from => holidays_from: opt i32;
        with_holidays_through => holidays_through: opt i32;
        with_cutoff => cutoff: opt NaiveTime;
        with_source => source: opt String;
    }
}

/// A time of day written `HH:MM:SS` with an optional fraction, as the schema's pattern
/// says (chrono alone would also take `17:30`, spaces and a leap second).
fn cutoff_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let fraction = match b.get(8..) {
        Some([]) => true,
        Some([b'.', rest @ ..]) => (1..=9).contains(&rest.len()) && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    let shaped =
        digits(0..2) && b.get(2) == Some(&b':') && digits(3..5) && b.get(5) == Some(&b':') && digits(6..8) && fraction;
    let time = NaiveTime::parse_from_str(&text, "%H:%M:%S%.f").ok();
    match time {
        Some(t) if shaped && chrono::Timelike::second(&t) < 60 && chrono::Timelike::nanosecond(&t) < 1_000_000_000 => {
            Ok(Some(t))
        }
        _ => Err(serde::de::Error::custom(format!(
            "invalid cut-off time `{text}`: expected `HH:MM:SS` (24-hour, optional fraction), such as `17:30:00`"
        ))),
    }
}

/// The built-in rules and calendars (`data/regulation.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RuleSet {
    /// The rules, one per regime.
    pub rules: Vec<Rule>,
    /// The calendars rules count on.
    pub calendars: Vec<Calendar>,
}
