//! Regulatory deadlines, computed by hand from the primary texts (see docs/regulation.md
//! and reference/regulatory-verification.md for the worked cases).

use aiir::incident::{Detection, DetectionSource};
use aiir::json::Map;
use aiir::regulation::{
    Art73Report, Attribute, Calendar, Clock, LegalRule, Limb, ObligationStatus, Obligations, Regulation,
    RegulatoryProfile, ReportRule, ReportType, Rule, StartDate, Unit,
};
use aiir::timeline::{Determination, EventKind};
use aiir::{Harm, HarmKind, Impact, Incident, Jurisdiction, Phase, ResidentCount, schema::SchemaDocument};
use chrono::{DateTime, NaiveDate, Utc};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn incident(aware: &str, jurisdictions: &[&str], harms: &[HarmKind]) -> Incident {
    Incident::new(
        "INC-REG-1".parse().unwrap(),
        "test",
        "data_leakage".parse().unwrap(),
        Detection::new(DetectionSource::AutomatedMonitoring),
        t(aware),
        "soc".parse().unwrap(),
    )
    .with_aware_at(t(aware))
    .with_jurisdictions(jurisdictions.iter().map(|j| j.parse::<Jurisdiction>().unwrap()))
    .with_impact(Impact::default().with_harms(harms.iter().map(|k| Harm::new(*k))))
}

fn determine(inc: &mut Incident, at: &str, what: Determination) {
    inc.record(
        t(at),
        "legal".parse().unwrap(),
        EventKind::Determined {
            what,
            holds: None,
            rationale: None,
        },
        Map::new(),
    )
    .unwrap();
}

fn sent(inc: &mut Incident, at: &str, regime: &str, report: &str) {
    inc.record(
        t(at),
        "legal".parse().unwrap(),
        EventKind::NotificationSent {
            recipient: "authority".into(),
            regime: Some(regime.into()),
            report: Some(report.parse().unwrap()),
            reference: None,
        },
        Map::new(),
    )
    .unwrap();
}

/// Walks `inc` through every phase to `closed` at `at`.
fn close(inc: &mut Incident, at: &str) {
    for p in [
        Phase::Triaged,
        Phase::Contained,
        Phase::Eradicated,
        Phase::Recovered,
        Phase::PostIncidentReview,
        Phase::Closed,
    ] {
        inc.transition(p, t(at), "ic".parse().unwrap()).unwrap();
    }
}

fn regulation(regimes: &[&str]) -> Regulation {
    Regulation::new(&RegulatoryProfile::new(regimes.iter().map(|r| r.parse().unwrap()))).unwrap()
}

fn find<'a>(o: &'a Obligations, regime: &str, report: &str) -> &'a aiir::regulation::Obligation {
    o.obligations
        .iter()
        .find(|x| x.regime.as_str() == regime && x.report.as_str() == report)
        .unwrap_or_else(|| panic!("no {regime} {report} in {o}"))
}

fn why_not<'a>(o: &'a Obligations, regime: &str) -> &'a str {
    &o.not_owed
        .iter()
        .find(|n| n.regime.as_str() == regime)
        .unwrap_or_else(|| panic!("{regime} is owed in {o}"))
        .why
}

#[test]
fn gdpr_counts_72_elapsed_hours_across_the_change_to_summer_time() {
    // Brussels moves to CEST on 2026-03-29: 11:00 CET at awareness, 12:00 CEST at the
    // deadline; three wall-clock days would give 11:00 CEST = 09:00Z (71 hours).
    let inc = incident("2026-03-27T10:00:00Z", &["BE"], &[HarmKind::Privacy]);
    let o = regulation(&["gdpr-art33"]).obligations(&inc, t("2026-03-27T12:00:00Z"));
    let gdpr = find(&o, "gdpr-art33", "notification");
    assert_eq!(gdpr.deadline, Some(t("2026-03-30T10:00:00Z")));
    assert_eq!(
        gdpr.deadline_local.map(|d| d.to_rfc3339()),
        Some("2026-03-30T12:00:00+02:00".to_owned())
    );
    assert_eq!(
        serde_json::to_value(gdpr).unwrap()["deadline_local"],
        "2026-03-30T12:00:00+02:00"
    );
    assert_eq!(gdpr.status, ObligationStatus::Pending);
    // Reg. 1182/71 Art. 3(1): the hour of the event is not counted, so 11:00Z at the latest.
    let legal = gdpr.legal_latest.as_ref().unwrap();
    assert_eq!(
        (legal.deadline, &*legal.rule),
        (t("2026-03-30T11:00:00Z"), "eu_1182_71")
    );
    assert!(
        gdpr.why.iter().any(|w| w.contains("`BE`, within `EU`")),
        "{:?}",
        gdpr.why
    );
    // In the autumn the wrong method would give 73 hours; elapsed hours stay 72.
    let inc = incident("2026-10-23T10:00:00Z", &["BE"], &[HarmKind::Privacy]);
    let o = regulation(&["gdpr-art33"]).obligations(&inc, t("2026-10-23T12:00:00Z"));
    assert_eq!(
        find(&o, "gdpr-art33", "notification").deadline,
        Some(t("2026-10-26T10:00:00Z"))
    );
}

#[test]
fn gdpr_statuses_follow_the_clock_and_the_notification_sent() {
    let inc = incident("2026-03-27T10:00:00Z", &["DE"], &[HarmKind::Privacy]);
    let reg = regulation(&["gdpr-art33"]);
    let status = |inc: &Incident, now: &str| find(&reg.obligations(inc, t(now)), "gdpr-art33", "notification").status;
    assert_eq!(status(&inc, "2026-03-28T10:00:00Z"), ObligationStatus::Pending);
    // The last quarter of 72 hours is the last 18.
    assert_eq!(status(&inc, "2026-03-29T16:00:00Z"), ObligationStatus::DueSoon);
    assert_eq!(status(&inc, "2026-03-30T10:00:01Z"), ObligationStatus::Overdue);
    let mut on_time = inc.clone();
    sent(&mut on_time, "2026-03-30T09:59:00Z", "gdpr-art33", "notification");
    assert_eq!(status(&on_time, "2026-04-02T00:00:00Z"), ObligationStatus::Met);
    let mut late = inc.clone();
    sent(&mut late, "2026-03-30T14:00:00Z", "gdpr-art33", "notification");
    let o = reg.obligations(&late, t("2026-04-02T00:00:00Z"));
    let gdpr = find(&o, "gdpr-art33", "notification");
    assert_eq!(gdpr.status, ObligationStatus::MetLate);
    assert_eq!(gdpr.sent_at, Some(t("2026-03-30T14:00:00Z")));
    // A breach found unlikely to result in a risk owes nothing.
    let mut ruled_out = inc.clone();
    ruled_out
        .record(
            t("2026-03-27T12:00:00Z"),
            "dpo".parse().unwrap(),
            EventKind::Determined {
                what: Determination::PersonalDataBreach,
                holds: Some(false),
                rationale: Some("encrypted at rest, key not exposed".into()),
            },
            Map::new(),
        )
        .unwrap();
    let o = reg.obligations(&ruled_out, t("2026-03-28T00:00:00Z"));
    assert!(o.obligations.is_empty(), "{o}");
    assert!(
        why_not(&o, "gdpr-art33").contains("determined not to be personal_data_breach"),
        "{o}"
    );
}

#[test]
fn sec_counts_four_business_days_as_the_sec_does() {
    let reg = regulation(&["sec-8k-1.05"]);
    let form = |determined: &str| {
        let mut inc = incident("2026-09-28T14:00:00Z", &["US"], &[]);
        determine(&mut inc, determined, Determination::Materiality);
        let o = reg.obligations(&inc, t(determined));
        find(&o, "sec-8k-1.05", "form_8k").clone()
    };
    // Friday 2 October 2026, 3 p.m. EDT: Mon 5 (1), Tue 6 (2), Wed 7 (3), Thu 8 (4), closing
    // at 5:30 p.m. EDT.
    let fri = form("2026-10-02T19:00:00Z");
    assert_eq!(fri.deadline, Some(t("2026-10-08T21:30:00Z")));
    assert_eq!(
        fri.deadline_local.map(|d| d.to_rfc3339()),
        Some("2026-10-08T17:30:00-04:00".to_owned())
    );
    assert_eq!(fri.status, ObligationStatus::Pending);
    // Late on Friday in New York is Saturday in UTC: the local day counts.
    assert_eq!(form("2026-10-03T02:00:00Z").deadline, Some(t("2026-10-08T21:30:00Z")));
    // On a Saturday, the period begins on and includes Monday (General Instruction B.1).
    assert_eq!(form("2026-10-03T15:00:00Z").deadline, Some(t("2026-10-08T21:30:00Z")));
    // From Friday 20 November: Mon 23, Tue 24, Wed 25, Thanksgiving skipped, Fri 27 (EST).
    assert_eq!(form("2026-11-20T15:00:00Z").deadline, Some(t("2026-11-27T22:30:00Z")));
    // Columbus Day (12 October) falls inside a window from Thursday 8 October.
    assert_eq!(form("2026-10-08T15:00:00Z").deadline, Some(t("2026-10-15T21:30:00Z")));
    // Past the calendar's holiday list the count says so.
    let far = form("2029-11-20T15:00:00Z");
    assert!(
        far.notes.iter().any(|n| n.contains("lists no holidays for 2029")),
        "{:?}",
        far.notes
    );
}

#[test]
fn sec_waits_for_the_materiality_determination() {
    let inc = incident("2026-10-01T14:00:00Z", &["US"], &[]);
    let o = regulation(&["sec-8k-1.05"]).obligations(&inc, t("2026-10-01T15:00:00Z"));
    let f = find(&o, "sec-8k-1.05", "form_8k");
    assert_eq!(f.status, ObligationStatus::Potential);
    assert_eq!(f.deadline, None);
    assert!(f.needs.iter().any(|n| n.contains("materiality")), "{:?}", f.needs);
    // Determined not material: nothing owed.
    let mut not_material = inc.clone();
    not_material
        .record(
            t("2026-10-02T14:00:00Z"),
            "gc".parse().unwrap(),
            EventKind::Determined {
                what: Determination::Materiality,
                holds: Some(false),
                rationale: None,
            },
            Map::new(),
        )
        .unwrap();
    let o = regulation(&["sec-8k-1.05"]).obligations(&not_material, t("2026-10-03T00:00:00Z"));
    assert!(o.obligations.is_empty(), "{o}");
}

#[test]
fn sec_holidays_from_the_host_move_the_deadline() {
    // An executive order closing the SEC on Friday 27 November 2026 moves it to Monday 30.
    let profile = RegulatoryProfile::new(["sec-8k-1.05".parse().unwrap()])
        .with_holidays([NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()]);
    let mut inc = incident("2026-11-19T14:00:00Z", &["US"], &[]);
    determine(&mut inc, "2026-11-20T15:00:00Z", Determination::Materiality);
    let o = Regulation::new(&profile)
        .unwrap()
        .obligations(&inc, t("2026-11-20T16:00:00Z"));
    assert_eq!(
        find(&o, "sec-8k-1.05", "form_8k").deadline,
        Some(t("2026-11-30T22:30:00Z"))
    );
}

#[test]
fn nis2_final_report_runs_from_the_notification_actually_sent() {
    let mut inc = incident("2026-05-04T08:00:00Z", &["FR"], &[HarmKind::Operational]);
    determine(&mut inc, "2026-05-04T09:00:00Z", Determination::SignificantIncident);
    let reg = regulation(&["nis2-art23"]);
    let o = reg.obligations(&inc, t("2026-05-04T10:00:00Z"));
    assert_eq!(
        find(&o, "nis2-art23", "early_warning").deadline,
        Some(t("2026-05-05T08:00:00Z"))
    );
    assert_eq!(
        find(&o, "nis2-art23", "notification").deadline,
        Some(t("2026-05-07T08:00:00Z"))
    );
    let fin = find(&o, "nis2-art23", "final");
    assert_eq!((fin.status, fin.deadline), (ObligationStatus::NotStarted, None));
    assert!(
        fin.needs.iter().any(|n| n.contains("report `notification`")),
        "{:?}",
        fin.needs
    );
    sent(&mut inc, "2026-05-04T20:00:00Z", "nis2-art23", "early_warning");
    sent(&mut inc, "2026-05-06T15:30:00Z", "nis2-art23", "notification");
    let o = reg.obligations(&inc, t("2026-05-07T00:00:00Z"));
    let fin = find(&o, "nis2-art23", "final");
    // One calendar month after the submission: Saturday 6 June, 15:30Z (not 30 days).
    assert_eq!(fin.deadline, Some(t("2026-06-06T15:30:00Z")));
    assert_eq!(fin.status, ObligationStatus::Pending);
    assert_eq!(fin.legal_latest, None, "a Directive: national law computes periods");
    assert_eq!(find(&o, "nis2-art23", "notification").status, ObligationStatus::Met);
}

#[test]
fn nis2_trust_service_providers_notify_within_24_hours() {
    let mut inc = incident("2026-05-04T08:00:00Z", &["FR"], &[]);
    determine(&mut inc, "2026-05-04T09:00:00Z", Determination::SignificantIncident);
    let profile =
        RegulatoryProfile::new(["nis2-art23".parse().unwrap()]).with_attributes([Attribute::Nis2TrustServiceProvider]);
    let o = Regulation::new(&profile)
        .unwrap()
        .obligations(&inc, t("2026-05-04T10:00:00Z"));
    let n = find(&o, "nis2-art23", "notification");
    assert_eq!(n.deadline, Some(t("2026-05-05T08:00:00Z")));
    assert!(n.article.contains("second subparagraph"), "{}", n.article);
}

#[test]
fn ai_act_death_and_critical_infrastructure_pick_the_earliest_limb() {
    // Aware Monday 10 August 2026 at 09:00Z.
    let reg = regulation(&["eu-ai-act-art73"]);
    let deadline = |harms: &[HarmKind]| {
        let inc = incident("2026-08-10T09:00:00Z", &["NL"], harms);
        let o = reg.obligations(&inc, t("2026-08-10T10:00:00Z"));
        find(&o, "eu-ai-act-art73", "report").clone()
    };
    let both = deadline(&[HarmKind::Death, HarmKind::CriticalInfrastructure]);
    assert_eq!(both.deadline, Some(t("2026-08-12T09:00:00Z")));
    assert!(both.article.contains("Art. 73(3)"), "{}", both.article);
    // Reg. 1182/71: the day of awareness is not counted; the period ends at the end of
    // Wednesday 12 August in Brussels.
    assert_eq!(both.legal_latest.as_ref().unwrap().deadline, t("2026-08-12T22:00:00Z"));
    let death = deadline(&[HarmKind::Death]);
    assert_eq!(death.deadline, Some(t("2026-08-20T09:00:00Z")));
    assert!(death.article.contains("Art. 73(4)"));
    let rights = deadline(&[HarmKind::Rights]);
    assert_eq!(rights.deadline, Some(t("2026-08-25T09:00:00Z")));
    // A widespread infringement, not yet determined, would bring it to two days.
    let earlier = rights.potential_earlier.as_ref().unwrap();
    assert_eq!(earlier.deadline, t("2026-08-12T09:00:00Z"));
    assert!(earlier.needs.iter().any(|n| n.contains("widespread_infringement")));
}

#[test]
fn ai_act_start_date_is_the_profiles_choice() {
    let inc = incident("2026-08-10T09:00:00Z", &["NL"], &[HarmKind::Health]);
    let profile = RegulatoryProfile::new(["eu-ai-act-art73".parse().unwrap()]).with_applies_from([StartDate::new(
        "eu-ai-act-art73".parse().unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 2).unwrap(),
    )]);
    let o = Regulation::new(&profile)
        .unwrap()
        .obligations(&inc, t("2026-08-10T10:00:00Z"));
    assert!(o.obligations.is_empty(), "{o}");
    assert!(
        why_not(&o, "eu-ai-act-art73").contains("before the rule applies (2027-12-02)"),
        "{o}"
    );
    // Awareness before the built-in start date (2 August 2026) owes nothing either.
    let early = incident("2026-07-30T09:00:00Z", &["NL"], &[HarmKind::Health]);
    assert!(
        regulation(&["eu-ai-act-art73"])
            .obligations(&early, t("2026-07-30T10:00:00Z"))
            .obligations
            .is_empty()
    );
}

#[test]
fn dora_initial_notification_is_bound_by_4_hours_and_24_hours() {
    let reg = regulation(&["dora"]);
    let initial = |classified: &str| {
        let mut inc = incident("2026-06-01T08:00:00Z", &["DE"], &[HarmKind::Operational]);
        determine(&mut inc, classified, Determination::MajorIncident);
        find(&reg.obligations(&inc, t(classified)), "dora", "initial").clone()
    };
    // Classified 2 hours in: 4 hours from classification comes first.
    assert_eq!(
        initial("2026-06-01T10:00:00Z").deadline,
        Some(t("2026-06-01T14:00:00Z"))
    );
    // Classified 22 hours in: 24 hours from awareness comes first.
    let late = initial("2026-06-02T06:00:00Z");
    assert_eq!(late.deadline, Some(t("2026-06-02T08:00:00Z")));
    assert_eq!(late.anchor.as_ref().unwrap().at, t("2026-06-01T08:00:00Z"));
    // Classified 28 hours in: the 24-hour limb has lapsed (RTS Art. 5(2)); 4 hours from
    // classification.
    let lapsed = initial("2026-06-02T12:00:00Z");
    assert_eq!(lapsed.deadline, Some(t("2026-06-02T16:00:00Z")));
    assert!(lapsed.notes.iter().any(|n| n.contains("lapsed")), "{:?}", lapsed.notes);
    // Before classification: potential, with the 24-hour deadline it would have.
    let inc = incident("2026-06-01T08:00:00Z", &["DE"], &[]);
    let o = reg.obligations(&inc, t("2026-06-01T09:00:00Z"));
    let p = find(&o, "dora", "initial");
    assert_eq!(
        (p.status, p.deadline),
        (ObligationStatus::Potential, Some(t("2026-06-02T08:00:00Z")))
    );
}

#[test]
fn dora_weekend_relief_is_labelled_legal_latest_and_can_be_excluded() {
    // Aware Friday 5 June 2026 20:00Z, classified Saturday 01:00Z: due Saturday 05:00Z;
    // the relief allows noon (Brussels) on Monday 8 June.
    let mut inc = incident("2026-06-05T20:00:00Z", &["DE"], &[]);
    determine(&mut inc, "2026-06-06T01:00:00Z", Determination::MajorIncident);
    let o = regulation(&["dora"]).obligations(&inc, t("2026-06-06T02:00:00Z"));
    let i = find(&o, "dora", "initial");
    assert_eq!(i.deadline, Some(t("2026-06-06T05:00:00Z")));
    let legal = i.legal_latest.as_ref().unwrap();
    assert_eq!(
        (legal.deadline, &*legal.rule),
        (t("2026-06-08T10:00:00Z"), "next_working_day_noon")
    );
    let excluded = RegulatoryProfile::new(["dora".parse().unwrap()]).with_attributes([Attribute::DoraReliefExcluded]);
    let o = Regulation::new(&excluded)
        .unwrap()
        .obligations(&inc, t("2026-06-06T02:00:00Z"));
    assert_eq!(find(&o, "dora", "initial").legal_latest, None);
    // Intermediate 72 hours from the initial notification's submission; final one month
    // from the latest intermediate report.
    sent(&mut inc, "2026-06-06T04:00:00Z", "dora", "initial");
    sent(&mut inc, "2026-06-08T09:00:00Z", "dora", "intermediate");
    sent(&mut inc, "2026-06-10T09:00:00Z", "dora", "intermediate");
    let o = regulation(&["dora"]).obligations(&inc, t("2026-06-10T10:00:00Z"));
    assert_eq!(
        find(&o, "dora", "intermediate").deadline,
        Some(t("2026-06-09T04:00:00Z"))
    );
    assert_eq!(find(&o, "dora", "final").deadline, Some(t("2026-07-10T09:00:00Z")));
}

#[test]
fn hipaa_counts_sixty_calendar_days_and_the_annual_log() {
    let mut inc = incident("2026-01-15T15:00:00Z", &["US-CA", "US-NV"], &[HarmKind::Privacy]);
    inc.impact.users_affected = Some(320);
    inc.impact.affected_residents = vec![
        ResidentCount::new("US-CA".parse().unwrap(), 300),
        ResidentCount::new("US-NV".parse().unwrap(), 20),
    ];
    let o = regulation(&["hipaa-breach"]).obligations(&inc, t("2026-01-16T00:00:00Z"));
    // Day 1 = 16 January, day 60 = 16 March.
    assert_eq!(
        find(&o, "hipaa-breach", "individuals").deadline,
        Some(t("2026-03-16T15:00:00Z"))
    );
    // Fewer than 500: the annual log, 60 days after the end of 2026 (1 March 2027, Eastern).
    let hhs = find(&o, "hipaa-breach", "hhs");
    assert_eq!(hhs.deadline, Some(t("2027-03-02T05:00:00Z")));
    assert_eq!(
        hhs.deadline_local.map(|d| d.to_rfc3339()),
        Some("2027-03-02T00:00:00-05:00".to_owned())
    );
    // No State has more than 500 residents affected: no media notice.
    assert!(o.obligations.iter().all(|x| x.report.as_str() != "media"), "{o}");
    // 600 in California: media and HHS with the individuals' notice.
    inc.impact.users_affected = Some(620);
    inc.impact.affected_residents[0] = ResidentCount::new("US-CA".parse().unwrap(), 600);
    let o = regulation(&["hipaa-breach"]).obligations(&inc, t("2026-01-16T00:00:00Z"));
    assert_eq!(
        find(&o, "hipaa-breach", "media").deadline,
        Some(t("2026-03-16T15:00:00Z"))
    );
    assert_eq!(
        find(&o, "hipaa-breach", "hhs").deadline,
        Some(t("2026-03-16T15:00:00Z"))
    );
}

#[test]
fn one_incident_can_trigger_several_regimes() {
    // A German bank's AI assistant leaks customer data; significant under NIS2, major
    // under DORA; the bank is subject to GDPR, NIS2, DORA and the AI Act.
    let mut inc = incident(
        "2026-09-14T07:30:00Z",
        &["DE", "AT"],
        &[HarmKind::Privacy, HarmKind::Rights],
    );
    determine(&mut inc, "2026-09-14T09:00:00Z", Determination::SignificantIncident);
    determine(&mut inc, "2026-09-14T10:00:00Z", Determination::MajorIncident);
    let reg = regulation(&["gdpr-art33", "nis2-art23", "dora", "eu-ai-act-art73", "sec-8k-1.05"]);
    let o = reg.obligations(&inc, t("2026-09-14T11:00:00Z"));
    let got: Vec<(&str, &str, Option<DateTime<Utc>>)> = o
        .obligations
        .iter()
        .map(|x| (x.regime.as_str(), x.report.as_str(), x.deadline))
        .collect();
    assert_eq!(
        got,
        vec![
            ("dora", "initial", Some(t("2026-09-14T14:00:00Z"))),
            ("nis2-art23", "early_warning", Some(t("2026-09-15T07:30:00Z"))),
            ("gdpr-art33", "notification", Some(t("2026-09-17T07:30:00Z"))),
            ("nis2-art23", "notification", Some(t("2026-09-17T07:30:00Z"))),
            ("eu-ai-act-art73", "report", Some(t("2026-09-29T07:30:00Z"))),
            ("dora", "final", None),
            ("dora", "intermediate", None),
            ("nis2-art23", "final", None),
            ("sec-8k-1.05", "form_8k", None),
        ]
    );
    assert_eq!(find(&o, "sec-8k-1.05", "form_8k").status, ObligationStatus::Potential);
    // The output validates against its schema.
    SchemaDocument::Obligations
        .check_value(&serde_json::to_value(&o).unwrap())
        .unwrap();
    let text = o.to_string();
    assert!(
        text.contains("pending     dora initial: due 2026-09-14T14:00:00Z (2026-09-14T16:00:00+02:00)"),
        "{text}"
    );
}

#[test]
fn jurisdictions_not_recorded_leave_eu_regimes_potential() {
    let inc = incident("2026-03-27T10:00:00Z", &[], &[HarmKind::Privacy]);
    let o = regulation(&["gdpr-art33"]).obligations(&inc, t("2026-03-27T11:00:00Z"));
    let g = find(&o, "gdpr-art33", "notification");
    assert_eq!(
        (g.status, g.deadline),
        (ObligationStatus::Potential, Some(t("2026-03-30T10:00:00Z")))
    );
    assert!(g.needs.iter().any(|n| n.contains("jurisdictions")));
    // A US-only incident owes nothing under GDPR, and says why.
    let us = incident("2026-03-27T10:00:00Z", &["US-NY"], &[HarmKind::Privacy]);
    let o = regulation(&["gdpr-art33"]).obligations(&us, t("2026-03-27T11:00:00Z"));
    assert!(o.obligations.is_empty());
    assert!(
        why_not(&o, "gdpr-art33").contains("no jurisdiction within EU, IS, LI, NO"),
        "{o}"
    );
    // Regimes the organisation is not subject to are listed as such.
    let o = regulation(&[]).obligations(&us, t("2026-03-27T11:00:00Z"));
    assert_eq!(o.not_owed.len(), 8);
}

#[test]
fn host_rules_and_calendars_replace_built_in_ones() {
    // A host-defined regime: 5 business days on a calendar with Christmas week closed.
    let calendar = Calendar::new("acme", "Europe/Berlin")
        .with_holidays((24..=31).map(|d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap()));
    let rule = Rule::new(
        "acme-contract".parse().unwrap(),
        "Customer contract breach notice",
        "MSA §9.2",
        "customer security contact",
        "Europe/Berlin",
        [ReportRule::new(
            "notice".parse().unwrap(),
            [Limb::new(
                "§9.2",
                Clock::new(aiir::regulation::Anchor::Detection, 5, Unit::BusinessDays),
            )],
        )],
    )
    .with_calendar("acme")
    .with_legal_rule(LegalRule::Eu118271);
    let profile = RegulatoryProfile::new(["acme-contract".parse().unwrap()])
        .with_calendars([calendar])
        .with_rules([rule]);
    let inc = incident("2026-12-21T10:00:00Z", &["DE"], &[]);
    let o = Regulation::new(&profile)
        .unwrap()
        .obligations(&inc, t("2026-12-21T11:00:00Z"));
    // Tue 22, Wed 23 (1, 2), closed 24-31, Fri 1 January (3), Mon 4 (4), Tue 5 (5): end
    // of Tuesday 5 January in Berlin.
    assert_eq!(
        find(&o, "acme-contract", "notice").deadline,
        Some(t("2027-01-05T23:00:00Z"))
    );
}

#[test]
fn bad_profiles_are_reported_with_pointers() {
    let bad_rule = Rule::new(
        "x".parse().unwrap(),
        "x",
        "x",
        "x",
        "Mars/Olympus",
        [ReportRule::new(
            "r".parse().unwrap(),
            [Limb::new(
                "x",
                Clock::new(aiir::regulation::Anchor::Awareness, 0, Unit::BusinessDays),
            )],
        )],
    );
    let profile = RegulatoryProfile::new([
        "gdpr-art33".parse().unwrap(),
        "gdpr-art33".parse().unwrap(),
        "nope".parse().unwrap(),
    ])
    .with_rules([bad_rule])
    .with_due_soon(aiir::IsoDuration::months(1));
    let err = Regulation::new(&profile).unwrap_err().to_string();
    for needle in [
        "/subject_to/1",
        "/subject_to/2",
        "`nope`",
        "/rules/0/time_zone",
        "/rules/0/reports/0/limbs/0/clock/amount",
        "/rules/0/calendar",
        "/due_soon",
    ] {
        assert!(err.contains(needle), "{needle} missing from: {err}");
    }
}

#[test]
fn built_in_rules_and_the_builtin_policy_compile() {
    let rules = aiir::regulation::builtin_rules();
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.regime.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eu-ai-act-art73",
            "gpai-cop",
            "gdpr-art33",
            "nis2-art23",
            "dora",
            "sec-8k-1.05",
            "cra-art14",
            "hipaa-breach"
        ]
    );
    // Every built-in regime can be subjected to at once.
    Regulation::new(&RegulatoryProfile::new(ids.iter().map(|r| r.parse().unwrap()))).unwrap();
    assert_eq!(aiir::CompiledPolicy::builtin().regulation().regimes().count(), 8);
}

/// 5 U.S.C. 6103(a)'s rules, with the Saturday/Sunday observance of 6103(b) and EO 11582,
/// give exactly the built-in SEC calendar's holidays for 2025-2028 (its own listed
/// range), so the list has no typo.
#[test]
fn the_sec_calendar_matches_the_federal_holiday_rules() {
    use chrono::{Datelike, Weekday};
    let nth = |y: i32, m: u32, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(y, m, wd, n).unwrap();
    let last_monday_may = |y: i32| {
        (25..=31)
            .rev()
            .map(|d| NaiveDate::from_ymd_opt(y, 5, d).unwrap())
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap()
    };
    let observed = |d: NaiveDate| match d.weekday() {
        Weekday::Sat => d.pred_opt().unwrap(),
        Weekday::Sun => d.succ_opt().unwrap(),
        _ => d,
    };
    let mut expected = Vec::new();
    for y in 2025..=2029 {
        let fixed = |m, d| observed(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        expected.extend([
            fixed(1, 1),
            nth(y, 1, Weekday::Mon, 3),
            nth(y, 2, Weekday::Mon, 3),
            last_monday_may(y),
            fixed(6, 19),
            fixed(7, 4),
            nth(y, 9, Weekday::Mon, 1),
            nth(y, 10, Weekday::Mon, 2),
            fixed(11, 11),
            nth(y, 11, Weekday::Thu, 4),
            fixed(12, 25),
        ]);
    }
    let mut expected: Vec<NaiveDate> = expected
        .into_iter()
        .filter(|d| (2025..=2028).contains(&d.year()))
        .collect();
    expected.sort();
    let calendar = aiir::regulation::builtin_rules()
        .calendars
        .iter()
        .find(|c| c.id == "us-sec")
        .unwrap();
    let mut listed = calendar.holidays.clone();
    listed.sort();
    assert_eq!(listed, expected);
    assert_eq!(calendar.holidays_through, Some(2028));
}

#[test]
fn art73_prefill_fills_what_the_incident_holds_and_lists_the_rest() {
    let mut inc = incident("2026-08-10T09:00:00Z", &["NL", "EU"], &[HarmKind::Health])
        .with_summary("Triage assistant advised against urgent care");
    inc.impact.users_affected = Some(3);
    let report = Art73Report::from_incident(&inc);
    assert_eq!(report.report_type, ReportType::Initial);
    assert_eq!(report.member_states, vec!["NL".parse::<Jurisdiction>().unwrap()]);
    assert_eq!(
        report.nature.as_deref(),
        Some("Triage assistant advised against urgent care")
    );
    assert!(report.missing.iter().any(|m| m.section == "2.1"));
    assert!(report.missing.iter().any(|m| m.field == "Provider"));
    assert!(!report.missing.iter().any(|m| m.field == "Number of users affected"));
    SchemaDocument::Art73Report
        .check_value(&serde_json::to_value(&report).unwrap())
        .unwrap();
    let md = report.to_markdown();
    assert!(md.contains("- Classification: serious_harm_to_health"), "{md}");
    // After an Art. 73 report was sent, the next one is a follow-up; once closed, final.
    sent(&mut inc, "2026-08-11T09:00:00Z", "eu-ai-act-art73", "report");
    assert_eq!(Art73Report::from_incident(&inc).report_type, ReportType::FollowUp);
    close(&mut inc, "2026-08-20T09:00:00Z");
    assert_eq!(
        Art73Report::from_incident(&inc).report_type,
        ReportType::FinalReportable
    );
}

#[test]
fn determinations_and_report_kinds_round_trip_on_the_timeline() {
    let mut inc = incident("2026-03-27T10:00:00Z", &["DE", "US-CA"], &[HarmKind::Privacy]);
    determine(&mut inc, "2026-03-27T11:00:00Z", Determination::Materiality);
    sent(&mut inc, "2026-03-28T11:00:00Z", "gdpr-art33", "notification");
    let json = inc.to_json_pretty();
    assert!(json.contains(r#""kind": "determined""#) && json.contains(r#""report": "notification""#));
    let back = Incident::from_json(&json).unwrap();
    assert_eq!(back, inc);
    // Repeated jurisdictions are refused with their pointer.
    let dup = json.replacen(r#""US-CA""#, r#""DE""#, 1);
    let err = Incident::from_json(&dup).unwrap_err().to_string();
    assert!(err.contains("/jurisdictions/1"), "{err}");
    // Malformed codes are refused by the schema.
    let bad = json.replacen(r#""US-CA""#, r#""usa""#, 1);
    assert!(Incident::from_json(&bad).is_err());
}

/// The regulation example: a bank's AI assistant shows customers other customers'
/// account data (GDPR, NIS2 and DORA at once).
pub(crate) fn bank_assistant_exposure() -> Incident {
    use aiir::incident::InvolvedParty;
    use aiir::{Actor, Realization};
    let mut inc = Incident::new(
        "INC-2026-0311".parse().unwrap(),
        "Banking assistant shows customers other customers' account data",
        "data_leakage".parse().unwrap(),
        Detection::new(DetectionSource::AutomatedMonitoring).with_method("cross-account data in assistant replies"),
        t("2026-09-14T07:10:00Z"),
        "dlp-monitor".parse().unwrap(),
    )
    .with_summary(
        "After a retrieval index rebuild, the customer assistant answered balance questions with other customers' transactions.",
    )
    .with_aware_at(t("2026-09-14T07:30:00Z"))
    .with_jurisdictions(["DE".parse().unwrap(), "AT".parse().unwrap()])
    .with_impact(
        Impact::default()
            .with_harms([
                Harm::new(HarmKind::Privacy)
                    .with_records(2300u64)
                    .with_description("account numbers and transactions shown to other customers"),
                Harm::new(HarmKind::Financial).with_realization(Realization::Potential),
            ])
            .with_users_affected(2300u64),
    )
    .with_parties([
        InvolvedParty::new("bank".parse().unwrap(), "Example Bank AG", [Actor::Ap, Actor::Aic]),
        InvolvedParty::new("modelco".parse().unwrap(), "ModelCo", [Actor::Mp]),
    ]);
    let ciso: aiir::ResponderId = "ciso".parse().unwrap();
    inc.transition(Phase::Triaged, t("2026-09-14T08:00:00Z"), ciso.clone())
        .unwrap();
    determine(&mut inc, "2026-09-14T09:00:00Z", Determination::SignificantIncident);
    determine(&mut inc, "2026-09-14T10:00:00Z", Determination::MajorIncident);
    sent(&mut inc, "2026-09-14T13:30:00Z", "dora", "initial");
    sent(&mut inc, "2026-09-15T06:00:00Z", "nis2-art23", "early_warning");
    inc
}

#[test]
fn the_regulation_example_file_matches_the_api() {
    let mut text = bank_assistant_exposure().to_json_pretty();
    text.push('\n');
    super::assert_file("examples/incidents/bank-assistant-data-exposure.json", &text);
    let o = regulation(&["gdpr-art33", "nis2-art23", "dora"])
        .obligations(&bank_assistant_exposure(), t("2026-09-15T08:00:00Z"));
    assert_eq!(find(&o, "dora", "initial").status, ObligationStatus::Met);
    assert_eq!(
        find(&o, "dora", "intermediate").deadline,
        Some(t("2026-09-17T13:30:00Z"))
    );
    assert_eq!(find(&o, "nis2-art23", "early_warning").status, ObligationStatus::Met);
    assert_eq!(
        find(&o, "gdpr-art33", "notification").deadline,
        Some(t("2026-09-17T07:30:00Z"))
    );
}

#[test]
fn a_finding_that_the_incident_is_not_serious_ends_the_ai_act_report() {
    let mut inc = incident("2026-08-10T09:00:00Z", &["NL"], &[HarmKind::Property]);
    let reg = regulation(&["eu-ai-act-art73"]);
    assert_eq!(
        find(
            &reg.obligations(&inc, t("2026-08-10T10:00:00Z")),
            "eu-ai-act-art73",
            "report"
        )
        .status,
        ObligationStatus::Pending
    );
    inc.record(
        t("2026-08-11T09:00:00Z"),
        "counsel".parse().unwrap(),
        EventKind::Determined {
            what: Determination::SeriousIncident,
            holds: Some(false),
            rationale: Some("damage below 5% of the purchase price".into()),
        },
        Map::new(),
    )
    .unwrap();
    let o = reg.obligations(&inc, t("2026-08-30T10:00:00Z"));
    assert!(o.obligations.is_empty(), "{o}");
    assert!(
        why_not(&o, "eu-ai-act-art73").contains("determined not to be serious_incident"),
        "{o}"
    );
    // Closed after that finding, the Art. 73 pre-fill is a final non-reportable report.
    close(&mut inc, "2026-08-31T09:00:00Z");
    assert_eq!(
        Art73Report::from_incident(&inc).report_type,
        ReportType::FinalNonReportable
    );
}

#[test]
fn harms_not_yet_recorded_leave_harm_bound_rules_potential() {
    let inc = incident("2026-03-27T10:00:00Z", &["DE"], &[]);
    let o = regulation(&["gdpr-art33"]).obligations(&inc, t("2026-03-27T11:00:00Z"));
    let g = find(&o, "gdpr-art33", "notification");
    assert_eq!(
        (g.status, g.deadline),
        (ObligationStatus::Potential, Some(t("2026-03-30T10:00:00Z")))
    );
    assert!(g.needs.iter().any(|n| n.contains("impact.harms")), "{:?}", g.needs);
}

#[test]
fn hipaa_media_counts_us_states_only_and_has_its_own_exception() {
    let reg = regulation(&["hipaa-breach"]);
    let media = |residents: &[(&str, u64)]| {
        let mut inc = incident("2026-01-15T15:00:00Z", &["US"], &[HarmKind::Privacy]);
        inc.impact.affected_residents = residents
            .iter()
            .map(|(j, n)| ResidentCount::new(j.parse().unwrap(), *n))
            .collect();
        let o = reg.obligations(&inc, t("2026-01-16T00:00:00Z"));
        o.obligations
            .iter()
            .find(|x| x.report.as_str() == "media")
            .map(|x| x.status)
    };
    assert_eq!(media(&[("US-TX", 501)]), Some(ObligationStatus::Pending));
    assert_eq!(media(&[("US-TX", 500)]), None, "more than 500, not 500");
    // Residents of Germany, or a country-wide count, are not residents of a State.
    assert_eq!(media(&[("DE", 900), ("US", 900), ("US-TX", 20)]), None);
    assert_eq!(media(&[("DE", 900)]), Some(ObligationStatus::Potential));
    // A GDPR finding does not touch HIPAA; HIPAA's own low-probability finding does.
    let mut inc = incident("2026-01-15T15:00:00Z", &["US-CA"], &[HarmKind::Privacy]);
    determine_not(&mut inc, "2026-01-16T10:00:00Z", Determination::PersonalDataBreach);
    assert!(!reg.obligations(&inc, t("2026-01-17T00:00:00Z")).obligations.is_empty());
    determine_not(&mut inc, "2026-01-16T11:00:00Z", Determination::UnsecuredPhiBreach);
    assert!(reg.obligations(&inc, t("2026-01-17T00:00:00Z")).obligations.is_empty());
}

fn determine_not(inc: &mut Incident, at: &str, what: Determination) {
    inc.record(
        t(at),
        "privacy".parse().unwrap(),
        EventKind::Determined {
            what,
            holds: Some(false),
            rationale: None,
        },
        Map::new(),
    )
    .unwrap();
}

#[test]
fn gpai_tiers_run_from_awareness_of_the_models_involvement() {
    let reg = regulation(&["gpai-cop"]);
    let mut inc = incident("2026-09-01T08:00:00Z", &["FR"], &[HarmKind::Death]);
    inc.category = "model_theft".parse().unwrap();
    // Until the model's involvement is known, the report is potential with no clock.
    let o = reg.obligations(&inc, t("2026-09-01T09:00:00Z"));
    let r = find(&o, "gpai-cop", "report");
    assert_eq!((r.status, r.deadline), (ObligationStatus::Potential, None));
    determine(&mut inc, "2026-09-03T12:00:00Z", Determination::ModelInvolvement);
    let o = reg.obligations(&inc, t("2026-09-03T13:00:00Z"));
    let r = find(&o, "gpai-cop", "report");
    // A serious cybersecurity breach (5 days) and a death (10 days): the shortest tier.
    assert_eq!(r.deadline, Some(t("2026-09-08T12:00:00Z")));
    assert!(r.article.ends_with("Measure 9.3(2)"), "{}", r.article);
    assert_eq!(r.legal_latest, None, "the Code is not law");
}

#[test]
fn cra_final_reports_run_from_the_fix_or_the_notification() {
    let reg = regulation(&["cra-art14"]);
    let mut inc = incident("2026-09-14T08:00:00Z", &["DE"], &[]);
    inc.impact.exploitation_observed = true;
    let o = reg.obligations(&inc, t("2026-09-14T09:00:00Z"));
    assert_eq!(
        find(&o, "cra-art14", "early_warning").deadline,
        Some(t("2026-09-15T08:00:00Z"))
    );
    assert_eq!(
        find(&o, "cra-art14", "notification").deadline,
        Some(t("2026-09-17T08:00:00Z"))
    );
    let fin = find(&o, "cra-art14", "final");
    assert_eq!((fin.status, fin.deadline), (ObligationStatus::NotStarted, None));
    determine(&mut inc, "2026-09-20T10:00:00Z", Determination::FixAvailable);
    let o = reg.obligations(&inc, t("2026-09-20T11:00:00Z"));
    assert_eq!(find(&o, "cra-art14", "final").deadline, Some(t("2026-10-04T10:00:00Z")));
    // A severe incident without exploitation: the final report runs one month from the
    // notification sent.
    let mut severe = incident("2026-09-14T08:00:00Z", &["DE"], &[]);
    determine(&mut severe, "2026-09-14T09:00:00Z", Determination::SevereIncident);
    sent(&mut severe, "2026-09-16T10:00:00Z", "cra-art14", "notification");
    let o = reg.obligations(&severe, t("2026-09-16T11:00:00Z"));
    assert_eq!(find(&o, "cra-art14", "final").deadline, Some(t("2026-10-16T10:00:00Z")));
    // Art. 14 applies from 11 September 2026.
    let early = incident("2026-09-10T08:00:00Z", &["DE"], &[]);
    let o = reg.obligations(&early, t("2026-09-10T09:00:00Z"));
    assert!(
        why_not(&o, "cra-art14").contains("before the rule applies (2026-09-11)"),
        "{o}"
    );
}

#[test]
fn eu_1182_71_rolls_weekends_needs_two_working_days_and_never_delays_the_default() {
    let reg = Regulation::new(
        &RegulatoryProfile::new(["eu-ai-act-art73".parse().unwrap()]).with_applies_from([StartDate::new(
            "eu-ai-act-art73".parse().unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )]),
    )
    .unwrap();
    // Two days from Friday 14 August 09:00Z end on Sunday; Art. 3(4) rolls to Monday and
    // Art. 3(5) asks for two working days: the end of Tuesday 18 August in Brussels.
    let inc = incident("2026-08-14T09:00:00Z", &["BE"], &[HarmKind::CriticalInfrastructure]);
    let r = find(
        &reg.obligations(&inc, t("2026-08-14T10:00:00Z")),
        "eu-ai-act-art73",
        "report",
    )
    .clone();
    assert_eq!(r.deadline, Some(t("2026-08-16T09:00:00Z")));
    assert_eq!(r.legal_latest.unwrap().deadline, t("2026-08-18T22:00:00Z"));
    // 15 days from 22:30Z on 19 March (23:30 in Brussels) end at the end of 3 April in
    // Brussels, 22:00Z after the change to summer time: earlier than 15 × 24 hours, so
    // that is the deadline, and there is no later legal one.
    let inc = incident("2026-03-19T22:30:00Z", &["BE"], &[HarmKind::Property]);
    let r = find(
        &reg.obligations(&inc, t("2026-03-20T10:00:00Z")),
        "eu-ai-act-art73",
        "report",
    )
    .clone();
    assert_eq!(r.deadline, Some(t("2026-04-03T22:00:00Z")));
    assert_eq!(r.legal_latest, None);
}

#[test]
fn profile_entries_for_unknown_regimes_and_loose_cutoffs_are_refused() {
    let profile = RegulatoryProfile::new(["gdpr-art33".parse().unwrap()]).with_applies_from([StartDate::new(
        "eu-ai-act-art37".parse().unwrap(),
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    )]);
    let err = Regulation::new(&profile).unwrap_err().to_string();
    assert!(
        err.contains("/applies_from/0/regime") && err.contains("`eu-ai-act-art37`"),
        "{err}"
    );
    for (cutoff, ok) in [
        ("17:30:00", true),
        ("17:30:00.5", true),
        ("17:30", false),
        (" 17:30:00", false),
        ("23:59:60", false),
    ] {
        let json = format!(r#"{{"id": "x", "time_zone": "UTC", "cutoff": "{cutoff}"}}"#);
        assert_eq!(serde_json::from_str::<Calendar>(&json).is_ok(), ok, "{cutoff}");
        let schema_ok = SchemaDocument::Policy
            .check_value(&serde_json::json!({
                "schema_version": "1.1.0",
                "name": "p",
                "regulation": {"calendars": [serde_json::from_str::<serde_json::Value>(&json).unwrap()]}
            }))
            .is_ok();
        assert_eq!(schema_ok, ok, "schema and serde agree on `{cutoff}`");
    }
}
