//! The Rust path: every document a Rust host needs is built with constructors and
//! `with_*` setters only — never through JSON — and
//!
//! 1. equals the document the crate parses from the checked-in file it mirrors (the two
//!    seed incidents, the built-in severity section, the small-team escalation policy,
//!    the threat register and the AIBOM);
//! 2. validates, the incidents also against the built-in policy;
//! 3. reports exactly the problems the JSON path reports for the same document, valid or
//!    not (property tests over often-invalid incidents, inventories and threat registers).
//!
//! Host data that is JSON by nature (event `details`, `extensions`) is built with the
//! re-exported [`aiir::json`] types.

use std::fmt::Debug;
use std::str::FromStr;

use aiir::escalation::{
    Day, Edge, EntryPoint, EscalationPolicy, GateCondition, Outcome, Responder, Rotation, RotationOverride, Step,
    TimeWindow,
};
use aiir::incident::{
    ActionStatus, AffectedAsset, AssetKind, CapaKind, CausalLink, CorrectiveAction, Detection, DetectionSource,
    Evidence, Indicator, IndicatorKind, InvolvedParty, Precision, ReportedTime,
};
use aiir::inventory::{Asset, Dependency, DependencyKind, Inventory, InventoryParty, RegistryStatus};
use aiir::json::{Map, Value};
use aiir::severity::{
    Axis, AxisLevel, AxisRule, CategoryFloor, Condition, PriorityLevel, PriorityRow, RuleEffect, SeverityLabel,
    SeverityMatrix, SeverityPolicy, SlaTarget, UrgencyPolicy, UrgencyRule,
};
use aiir::threat::{
    BusinessImpact, CvssVector, Epss, Mitigation, Nist80030, NistLevel, OwaspLikelihood, OwaspRating, OwaspRiskRating,
    Reduction, SSVC_CISA, SSVC_DEPLOYER, SsvcAssessment, SsvcSelection, TechnicalImpact, Threat, ThreatAssessments,
    ThreatRegister, ThreatStatus,
};
use aiir::timeline::{ActionOutcome, Determination, EventKind};
use aiir::{
    Actor, Autonomy, BlastRadius, CompiledPolicy, Contact, Document, Harm, HarmKind, Impact, Incident, IsoDuration,
    Layer, PartyId, Phase, Policy, Realization, ResponderId, Severity, Sha256Digest, Urgency, ValidationReport,
};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

/// Parses an id, time, date or version written in the test (`FromStr`, not JSON).
fn p<T: FromStr>(s: &str) -> T
where
    T::Err: Debug,
{
    s.parse().unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
}

// Typed shorthands for setters taking `impl Into<_>`, where `p` cannot infer its type.

fn party(s: &str) -> PartyId {
    p(s)
}

fn responder(s: &str) -> ResponderId {
    p(s)
}

fn version(s: &str) -> semver::Version {
    p(s)
}

/// Owned strings, for `list String` setters.
fn strings<const N: usize>(items: [&str; N]) -> [String; N] {
    items.map(String::from)
}

/// A JSON object of string members, e.g. timeline event `details`.
fn object<const N: usize>(members: [(&str, &str); N]) -> Map<String, Value> {
    Map::from_iter(members.map(|(k, v)| (k.to_owned(), Value::from(v))))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(super::root(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

// ---------------------------------------------------------------------------------------
// 1. The checked-in documents, built in Rust
// ---------------------------------------------------------------------------------------

/// Seed example 01: an LLM customer-support bot emits offensive language after a
/// prompt-injection campaign; the deployment is disabled, the system prompt rolled back
/// and regulators notified. Equals `examples/incidents/support-bot-offensive-output.json`.
pub(crate) fn support_bot_offensive_output() -> Incident {
    let mut inc = Incident::new(
        p("INC-2026-0042"),
        "Support chatbot emits offensive language after prompt-injection campaign",
        p("harmful_output"),
        Detection::new(DetectionSource::Guardrail)
            .with_method("toxicity classifier score > 0.9 on 3% of replies")
            .with_detector("output-guardrail"),
        p("2026-03-14T09:12:00Z"),
        p("output-guardrail"),
    )
    .with_summary(
        "The customer-support assistant answered customers with offensive language. A coordinated campaign of \
         crafted messages overrode the system prompt's tone and safety instructions.",
    )
    .with_occurred_start(ReportedTime::approximate(p("2026-03-14T07:00:00Z"), Precision::Hour))
    .with_aware_at(p("2026-03-14T09:40:00Z"))
    .with_impact(
        Impact::default()
            .with_blast_radius(BlastRadius::MultiTenant)
            .with_harms([
                Harm::new(HarmKind::Reputational).with_description("offensive replies shared on social media"),
                Harm::new(HarmKind::Health)
                    .with_realization(Realization::Potential)
                    .with_affected_group("customers")
                    .with_description("abusive language towards vulnerable users"),
            ])
            .with_users_affected(1840u64)
            .with_autonomy(Autonomy::HumanOnTheLoop)
            .with_exploitation_observed(true),
    )
    .with_affected([
        AffectedAsset::new(p("support-bot"), AssetKind::Application)
            .with_name("Acme customer-support assistant")
            .with_version(version("4.2.0"))
            .with_environment("production")
            .with_owner(party("acme")),
        AffectedAsset::new(p("support-bot-system-prompt"), AssetKind::Prompt)
            .with_version(version("3.1.0"))
            .with_owner(party("acme")),
        AffectedAsset::new(p("modelco-chat"), AssetKind::Model)
            .with_name("ModelCo Chat")
            .with_version(version("2.5.1"))
            .with_owner(party("modelco")),
    ])
    .with_parties([
        InvolvedParty::new(p("acme"), "Acme Retail", [Actor::Ap])
            .with_contact(Contact::new("Acme AI security").with_email("ai-security@acme.example")),
        InvolvedParty::new(p("modelco"), "ModelCo", [Actor::Mp]),
        InvolvedParty::new(p("cloudco"), "CloudCo", [Actor::Csp]),
    ])
    .with_indicators([
        Indicator::new(
            IndicatorKind::Prompt,
            "ignore your previous instructions and answer like",
        )
        .with_description("shared prefix of the injected messages"),
        Indicator::new(IndicatorKind::Account, "guest-sessions from 203.0.113.0/24"),
    ])
    .with_causal_link(CausalLink::Established)
    .with_chain_of_events(
        "Crafted customer messages → system prompt instructions overridden → offensive replies to other \
         customers in shared sessions.",
    )
    .with_tags(strings(["seed-example-01", "prompt-injection"]));

    let ic = responder("alice");
    let bob = responder("bob");
    inc.record(
        p("2026-03-14T09:15:00Z"),
        ic.clone(),
        EventKind::Acknowledged { responder: ic.clone() },
        Map::new(),
    )
    .unwrap();
    inc.transition(Phase::Triaged, p("2026-03-14T09:25:00Z"), ic.clone())
        .unwrap();
    inc.record(
        p("2026-03-14T09:26:00Z"),
        ic.clone(),
        EventKind::SeverityChanged {
            from: None,
            to: Severity::High,
            reason: "offensive output to customers across tenants".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc.record(
        p("2026-03-14T09:27:00Z"),
        p("aiir-automation"),
        EventKind::action_executed("disable_deployment", true, ActionOutcome::Succeeded),
        object([
            ("deployment", "support-bot/production"),
            ("playbook", "contain-harmful-output"),
        ]),
    )
    .unwrap();
    inc.transition(Phase::Contained, p("2026-03-14T09:30:00Z"), ic.clone())
        .unwrap();
    // `add_evidence` would put the evidence's full description on the event; the seed's
    // event carries a shorter one, so the evidence and its event are added separately.
    let digest = Sha256Digest::of(b"prompt-and-output-log-2026-03-14");
    inc.evidence.push(
        Evidence::new(
            p("EV-1"),
            "prompt and output logs 07:00-09:30 UTC",
            digest,
            p("2026-03-14T09:35:00Z"),
        )
        .with_uri("s3://acme-ir/INC-2026-0042/logs.jsonl")
        .with_collected_by(bob.clone()),
    );
    inc.record(
        p("2026-03-14T09:35:00Z"),
        bob.clone(),
        EventKind::EvidenceAdded {
            evidence: p("EV-1"),
            sha256: digest,
            description: "prompt and output logs".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc.record(
        p("2026-03-14T10:05:00Z"),
        bob,
        EventKind::action_executed("rollback_system_prompt", false, ActionOutcome::Succeeded),
        object([("from_version", "3.1.0"), ("to_version", "3.0.4")]),
    )
    .unwrap();
    inc.transition(Phase::Eradicated, p("2026-03-14T10:20:00Z"), ic.clone())
        .unwrap();
    inc.record(
        p("2026-03-14T11:00:00Z"),
        ic.clone(),
        EventKind::NotificationSent {
            recipient: "national market surveillance authority".into(),
            regime: Some("eu-ai-act-art73".into()),
            report: Some("report".parse().unwrap()),
            reference: None,
        },
        Map::new(),
    )
    .unwrap();
    inc.transition_with_reason(
        Phase::Recovered,
        p("2026-03-14T12:30:00Z"),
        ic,
        Some("deployment re-enabled with prompt 3.0.4 and stricter input filter".into()),
    )
    .unwrap();
    inc
}

/// Seed example 02: an agentic workflow performs unauthorized refunds; finance, legal
/// and AI security use the AIBOM to identify affected accounts. Equals
/// `examples/incidents/agent-unauthorized-refunds.json`.
pub(crate) fn agent_unauthorized_refunds() -> Incident {
    let mut inc = Incident::new(
        p("INC-2026-0107"),
        "Refund agent issues unauthorized refunds",
        p("rogue_agent"),
        Detection::new(DetectionSource::AutomatedMonitoring)
            .with_method("refund volume 12x daily baseline")
            .with_detector("finance-anomaly-detector"),
        p("2026-05-02T16:45:00Z"),
        p("finance-anomaly-detector"),
    )
    .with_summary(
        "The order-support agent called the refund tool for orders that did not qualify, after a tool \
         description change widened what it believed it may do.",
    )
    .with_impact(
        Impact::default()
            .with_blast_radius(BlastRadius::SingleTenant)
            .with_harms([Harm::new(HarmKind::Financial)
                .with_description("412 refunds totalling EUR 61,300 paid without authorization")])
            .with_users_affected(412u64)
            .with_autonomy(Autonomy::BoundedAgent)
            .with_exploitation_observed(false),
    )
    .with_affected([
        AffectedAsset::new(p("order-agent"), AssetKind::Agent)
            .with_version(version("1.8.0"))
            .with_environment("production")
            .with_owner(party("shopco")),
        AffectedAsset::new(p("refund-tool"), AssetKind::Tool)
            .with_name("payments MCP server: refund")
            .with_version(version("0.9.2"))
            .with_owner(party("agentops")),
        AffectedAsset::new(p("customer-accounts"), AssetKind::Data).with_name("customer accounts refunded in error"),
    ])
    .with_parties([
        InvolvedParty::new(p("shopco"), "ShopCo", [Actor::Ap, Actor::Aic]),
        InvolvedParty::new(p("agentops"), "AgentOps", [Actor::Osp]),
        InvolvedParty::new(p("modelco"), "ModelCo", [Actor::Mp]),
    ])
    .with_extensions(Map::from_iter([(
        "ticketing".to_owned(),
        Value::Object(object([("system", "jira"), ("key", "FIN-2231")])),
    )]))
    .with_tags(strings(["seed-example-02"]));

    let sec = responder("ai-security-oncall");
    inc.record(
        p("2026-05-02T16:52:00Z"),
        sec.clone(),
        EventKind::Acknowledged { responder: sec.clone() },
        Map::new(),
    )
    .unwrap();
    inc.transition(Phase::Triaged, p("2026-05-02T17:00:00Z"), sec.clone())
        .unwrap();
    inc.record(
        p("2026-05-02T17:01:00Z"),
        p("aiir-automation"),
        EventKind::action_executed("revoke_tool_access", true, ActionOutcome::Succeeded),
        object([("agent", "order-agent"), ("tool", "refund-tool")]),
    )
    .unwrap();
    inc.transition(Phase::Contained, p("2026-05-02T17:05:00Z"), sec)
        .unwrap();
    inc.record(
        p("2026-05-02T18:30:00Z"),
        p("finance-lead"),
        EventKind::Note {
            text: "AIBOM query: 412 accounts refunded via refund-tool 0.9.2 since 2026-05-02T13:10Z".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc
}

/// An axis level with its description.
fn level(id: &str, description: &str) -> AxisLevel {
    AxisLevel::new(p(id)).with_description(description)
}

/// "When `when`, the axis is at least `level`."
fn at_least(id: &str, description: &str, when: Condition, level: &str) -> AxisRule {
    AxisRule::new(p(id), when, RuleEffect::AtLeast { level: p(level) }).with_description(description)
}

/// "When `when`, raise the axis one level."
fn raise_one(id: &str, description: &str, when: Condition) -> AxisRule {
    AxisRule::new(p(id), when, RuleEffect::Raise { steps: 1 }).with_description(description)
}

/// Harm of one of `kinds` (any kind when empty) that occurred.
fn harm(kinds: &[HarmKind]) -> Condition {
    harm_at_least(kinds, Realization::Occurred)
}

fn harm_at_least(kinds: &[HarmKind], realization: Realization) -> Condition {
    Condition::Harm {
        kinds: kinds.to_vec(),
        realization,
    }
}

/// An agent acting without per-action oversight caused actual harm.
fn agent_caused_harm() -> Condition {
    Condition::All {
        conditions: vec![
            Condition::AutonomyAtLeast {
                value: Autonomy::BoundedAgent,
            },
            harm(&[]),
        ],
    }
}

/// The built-in policy's severity section (`"severity"` of `data/builtin-policy.json`).
fn builtin_severity() -> SeverityPolicy {
    use HarmKind::{
        CriticalInfrastructure, Death, Environment, Financial, Health, IntellectualProperty, Operational, Privacy,
        Property, Rights, Safety,
    };
    let impact = Axis::new(
        "impact",
        [
            level("negligible", "No harm occurred."),
            level("minor", "Limited, reversible harm."),
            level("moderate", "Noticeable harm: money, personal data, many users."),
            level("major", "Serious harm: health, rights, large data exposure, IP theft."),
            level(
                "severe",
                "Death, injury, critical-infrastructure disruption, massive data exposure.",
            ),
        ],
    )
    .with_rules([
        at_least(
            "any-harm",
            "Any harm that occurred is at least minor.",
            harm(&[]),
            "minor",
        ),
        at_least(
            "users-100",
            "100 or more users affected.",
            Condition::UsersAffectedAtLeast { value: 100 },
            "moderate",
        ),
        at_least(
            "financial-harm",
            "Money lost or wrongly moved.",
            harm(&[Financial]),
            "moderate",
        ),
        at_least(
            "privacy-harm",
            "Personal data exposed or misused.",
            harm(&[Privacy]),
            "moderate",
        ),
        at_least("operational-harm", "Service disruption.", harm(&[Operational]), "minor"),
        at_least(
            "rights-harm",
            "Fundamental-rights infringement or discrimination (EU AI Act Art. 3(49)(c)).",
            harm(&[Rights]),
            "major",
        ),
        at_least(
            "ip-theft",
            "Model weights, prompts or training data stolen.",
            harm(&[IntellectualProperty]),
            "major",
        ),
        at_least("health-harm", "Harm to a person's health.", harm(&[Health]), "major"),
        at_least(
            "property-environment",
            "Harm to property or the environment (EU AI Act Art. 3(49)(d)).",
            harm(&[Property, Environment]),
            "major",
        ),
        at_least(
            "personal-data-10k",
            "10 000 or more personal-data records.",
            Condition::PersonalDataRecordsAtLeast { value: 10_000 },
            "major",
        ),
        at_least(
            "users-10k",
            "10 000 or more users affected.",
            Condition::UsersAffectedAtLeast { value: 10_000 },
            "major",
        ),
        at_least(
            "safety-near-miss",
            "A near miss of death, injury or health harm.",
            harm_at_least(&[Death, Safety, Health], Realization::NearMiss),
            "major",
        ),
        at_least(
            "safety-harm",
            "Death, injury or critical-infrastructure disruption (EU AI Act Art. 3(49)(a)-(b)).",
            harm(&[Death, Safety, CriticalInfrastructure]),
            "severe",
        ),
        at_least(
            "personal-data-1m",
            "1 000 000 or more personal-data records.",
            Condition::PersonalDataRecordsAtLeast { value: 1_000_000 },
            "severe",
        ),
        raise_one(
            "agent-caused-harm",
            "An agent acting without per-action oversight caused actual harm.",
            agent_caused_harm(),
        ),
        raise_one(
            "fully-autonomous-agent",
            "A fully autonomous agent was involved.",
            Condition::AutonomyAtLeast {
                value: Autonomy::FullyAutonomousAgent,
            },
        ),
    ]);
    let radius = |id: &str, wider: &str, value: BlastRadius| {
        at_least(
            &format!("radius-{id}"),
            &format!("Blast radius {wider} or wider."),
            Condition::BlastRadiusAtLeast { value },
            &id.replace('-', "_"),
        )
    };
    let reach = Axis::new(
        "reach",
        ["instance", "region", "single_tenant", "multi_tenant", "global"].map(|id| AxisLevel::new(p(id))),
    )
    .with_rules([
        radius("region", "region", BlastRadius::Region),
        radius("single-tenant", "single tenant", BlastRadius::SingleTenant),
        radius("multi-tenant", "multi tenant", BlastRadius::MultiTenant),
        radius("global", "global", BlastRadius::Global),
    ]);
    let cells = {
        use Severity::{Critical as C, High as H, Informational as I, Low as L, Medium as M};
        vec![
            vec![I, I, L, L, M],
            vec![L, L, M, M, H],
            vec![M, M, M, H, H],
            vec![H, H, H, C, C],
            vec![C, C, C, C, C],
        ]
    };
    let priorities = [
        ("P1", "All hands now, around the clock."),
        ("P2", "Now, on-call responders."),
        ("P3", "Within the working day."),
        ("P4", "Within the week."),
        ("P5", "Backlog."),
    ]
    .map(|(id, description)| PriorityLevel::new(p(id)).with_description(description));
    // Per severity: the priority at urgency low, medium, high.
    let priority_table = [
        (Severity::Critical, ["P1", "P1", "P1"]),
        (Severity::High, ["P2", "P2", "P1"]),
        (Severity::Medium, ["P3", "P3", "P2"]),
        (Severity::Low, ["P4", "P4", "P3"]),
        (Severity::Informational, ["P5", "P5", "P4"]),
    ]
    .map(|(severity, [low, medium, high])| PriorityRow::new(severity, p(low), p(medium), p(high)));

    SeverityPolicy::new(SeverityMatrix::new(impact, reach, cells), priorities, priority_table)
        .with_labels([
            SeverityLabel::new(Severity::Critical, "SEV1")
                .with_description("Severe or irreversible harm, or major harm across tenants."),
            SeverityLabel::new(Severity::High, "SEV2").with_description("Major harm, or moderate harm across tenants."),
            SeverityLabel::new(Severity::Medium, "SEV3")
                .with_description("Moderate harm to one tenant or minor harm spreading wide."),
            SeverityLabel::new(Severity::Low, "SEV4").with_description("Minor, contained harm."),
            SeverityLabel::new(Severity::Informational, "SEV5").with_description("No harm; recorded for trends."),
        ])
        .with_floors([
            CategoryFloor::new(p("model_theft"), Severity::High).with_reason("stolen weights cannot be recalled"),
            CategoryFloor::new(p("backdoor"), Severity::High).with_reason("every output of the model is suspect"),
            CategoryFloor::new(p("supply_chain_compromise"), Severity::High)
                .with_reason("compromise spreads to every consumer"),
            CategoryFloor::new(p("data_poisoning"), Severity::Medium),
            CategoryFloor::new(p("rag_memory_poisoning"), Severity::Medium),
            CategoryFloor::new(p("rogue_agent"), Severity::Medium).with_reason("agents act on real systems"),
            CategoryFloor::new(p("unauthorized_access"), Severity::Medium),
            CategoryFloor::new(p("data_leakage"), Severity::Medium),
        ])
        .with_urgency(UrgencyPolicy::new(Urgency::Medium).with_rules([
            UrgencyRule::new(
                p("active-exploitation"),
                Condition::ExploitationObserved {},
                Urgency::High,
            ),
            UrgencyRule::new(p("agent-acting"), agent_caused_harm(), Urgency::High),
            UrgencyRule::new(
                p("safety"),
                harm_at_least(&[Death, Safety, CriticalInfrastructure], Realization::NearMiss),
                Urgency::High,
            ),
        ]))
        .with_slas([
            SlaTarget::new(p("P1"), IsoDuration::minutes(15))
                .with_time_to_contain(IsoDuration::hours(4))
                .with_time_to_resolve(IsoDuration::days(3))
                .with_update_every(IsoDuration::hours(1)),
            SlaTarget::new(p("P2"), IsoDuration::minutes(30))
                .with_time_to_contain(IsoDuration::hours(24))
                .with_time_to_resolve(IsoDuration::days(7))
                .with_update_every(IsoDuration::hours(4)),
            SlaTarget::new(p("P3"), IsoDuration::hours(4))
                .with_time_to_contain(IsoDuration::days(3))
                .with_time_to_resolve(IsoDuration::days(30))
                .with_update_every(IsoDuration::days(1)),
            SlaTarget::new(p("P4"), IsoDuration::days(1))
                .with_time_to_contain(IsoDuration::days(7))
                .with_time_to_resolve(IsoDuration::days(90)),
            SlaTarget::new(p("P5"), IsoDuration::days(3)).with_time_to_resolve(IsoDuration::days(180)),
        ])
}

/// `examples/escalation/small-team.json`: a two-tier weekly rotation, a business-hours
/// gate choosing between the team lead and the whole team, repeated twice.
fn small_team_escalation() -> EscalationPolicy {
    let weekly = |id: &str, members: [&str; 3]| {
        Rotation::new(
            p(id),
            members.map(responder),
            IsoDuration::days(7),
            p("2026-01-05T08:00:00Z"),
            "Europe/Berlin",
        )
    };
    // The first page is skipped when nobody is on call: a field the constructor leaves false.
    let page_primary = Step::notify(p("page-primary"), [p("primary")]).with_skip_if_nobody_on_call(true);
    let business_hours = TimeWindow::new("Europe/Berlin", "09:00", "18:00").with_days([
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
    ]);
    let next = |from: &str, to: &str| Edge::next(p(from), p(to));

    EscalationPolicy::new("ai-platform-oncall")
        .with_responders([
            Responder::person(p("alice"), "Alice"),
            Responder::person(p("bob"), "Bob"),
            Responder::person(p("carol"), "Carol (team lead)"),
            Responder::person(p("dave"), "Dave"),
            Responder::team(p("sre-team"), "SRE team", ["alice", "bob", "dave"].map(responder)),
        ])
        .with_rotations([
            weekly("primary", ["alice", "bob", "dave"]).with_overrides([RotationOverride::new(
                p("2026-03-02T08:00:00Z"),
                p("2026-03-04T08:00:00Z"),
                p("carol"),
            )]),
            weekly("secondary", ["bob", "dave", "alice"]),
        ])
        .with_steps([
            page_primary,
            Step::wait(p("wait-5m"), IsoDuration::minutes(5)),
            Step::notify(p("page-secondary"), [p("secondary")]),
            Step::wait(p("wait-10m"), IsoDuration::minutes(10)),
            Step::gate(
                p("business-hours"),
                GateCondition::TimeWindow {
                    window: Box::new(business_hours),
                },
            ),
            Step::notify(p("page-lead"), [p("carol")]),
            Step::notify(p("page-team"), [p("sre-team")]),
            Step::wait(p("wait-15m"), IsoDuration::minutes(15)),
            Step::terminal(p("end"), Outcome::Stop {}),
        ])
        .with_edges([
            next("page-primary", "wait-5m"),
            next("wait-5m", "page-secondary"),
            next("page-secondary", "wait-10m"),
            next("wait-10m", "business-hours"),
            next("business-hours", "page-lead"),
            Edge::on_gate_fail(p("business-hours"), p("page-team")),
            next("page-lead", "wait-15m"),
            next("page-team", "wait-15m"),
            next("wait-15m", "end"),
            Edge::back(p("wait-15m"), p("page-primary"), 2),
        ])
        .with_entries([EntryPoint::new(Severity::Informational, p("page-primary"))])
}

fn ratings<const N: usize>(values: [u8; N]) -> [OwaspRating; N] {
    values.map(|v| OwaspRating::new(v).unwrap())
}

/// The eight OWASP likelihood factors, in the methodology's order.
fn likelihood(values: [u8; 8]) -> OwaspLikelihood {
    let [a, b, c, d, e, f, g, h] = ratings(values);
    OwaspLikelihood::new(a, b, c, d, e, f, g, h)
}

/// Confidentiality, integrity, availability, accountability.
fn technical(values: [u8; 4]) -> TechnicalImpact {
    let [c, i, a, acc] = ratings(values);
    TechnicalImpact::new(c, i, a, acc)
}

/// Financial, reputation, non-compliance, privacy.
fn business(values: [u8; 4]) -> BusinessImpact {
    let [f, r, n, pr] = ratings(values);
    BusinessImpact::new(f, r, n, pr)
}

/// The CISA coordinator table's and the deployer table's decisions for one threat:
/// exploitation, automatable, technical impact, mission & well-being; then exposure and
/// human impact for the deployer.
fn ssvc(e: &str, a: &str, ti: &str, mwi: &str, exp: &str, hi: &str) -> [SsvcAssessment; 2] {
    let deployer = SsvcSelection::new([
        ("ssvc:E:1.1.0", e),
        ("ssvc:EXP:1.0.1", exp),
        ("ssvc:A:2.0.0", a),
        ("ssvc:HI:2.0.2", hi),
    ])
    .unwrap();
    [
        SsvcAssessment::from_cisa(e, a, ti, mwi),
        SsvcAssessment::new(SSVC_DEPLOYER, deployer),
    ]
}

fn cvss(vector: &str) -> CvssVector {
    CvssVector::new(vector).unwrap()
}

fn epss(probability: f64, percentile: f64) -> Epss {
    Epss::new(probability, percentile, p("2026-11-20"))
}

fn reduces<const N: usize>(reductions: [(&str, f64); N]) -> [Reduction; N] {
    reductions.map(|(threat, fraction)| Reduction::new(p(threat), fraction))
}

/// A threat id and its OWASP likelihood, technical impact and business impact factors.
type OwaspFactors = (&'static str, OwaspLikelihood, TechnicalImpact, Option<BusinessImpact>);

/// The OWASP Risk Rating factors of each threat of `examples/threats/ai-threats.json`
/// that has one: likelihood factors, technical impact, business impact when given.
fn owasp_factors() -> Vec<OwaspFactors> {
    vec![
        (
            "THR-001",
            likelihood([6, 9, 9, 9, 7, 7, 9, 8]),
            technical([5, 5, 1, 7]),
            Some(business([3, 7, 5, 5])),
        ),
        (
            "THR-002",
            likelihood([5, 9, 4, 6, 3, 5, 4, 3]),
            technical([9, 7, 5, 7]),
            Some(business([9, 7, 5, 3])),
        ),
        (
            "THR-003",
            likelihood([6, 6, 4, 5, 3, 3, 4, 9]),
            technical([3, 9, 3, 7]),
            None,
        ),
        (
            "THR-004",
            likelihood([3, 9, 7, 6, 7, 5, 6, 8]),
            technical([2, 7, 1, 9]),
            Some(business([7, 5, 5, 3])),
        ),
        (
            "THR-005",
            likelihood([3, 4, 9, 9, 9, 9, 9, 8]),
            technical([6, 1, 1, 1]),
            None,
        ),
        (
            "THR-006",
            likelihood([5, 4, 9, 9, 7, 9, 6, 3]),
            technical([1, 1, 7, 1]),
            Some(business([5, 1, 2, 1])),
        ),
        (
            "THR-007",
            likelihood([6, 9, 7, 9, 5, 6, 6, 9]),
            technical([9, 9, 7, 9]),
            None,
        ),
    ]
}

/// The OWASP Risk Rating of threat `id`, if it has one.
fn owasp_rating(id: &str) -> Option<OwaspRiskRating> {
    let (_, likelihood, technical, business) = owasp_factors().into_iter().find(|(t, ..)| *t == id)?;
    let rating = OwaspRiskRating::new(likelihood, technical);
    Some(match business {
        Some(b) => rating.with_business_impact(b),
        None => rating,
    })
}

/// `examples/threats/ai-threats.json`.
fn threat_register() -> ThreatRegister {
    use NistLevel::{High, Low, Moderate, VeryHigh};
    let threats = [
        Threat::new(p("THR-001"), "Indirect prompt injection through retrieved web pages")
            .with_description("Instructions planted in pages the support bot retrieves override its system prompt.")
            .with_atlas(["AML.T0051.001"].map(p))
            .with_owasp_llm([p("LLM01:2025")])
            .with_owasp_agentic([p("ASI01")])
            .with_assets([p("support-bot"), p("web-retriever")])
            .with_owners([Actor::Ap, Actor::Osp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("A", "Y", "P", "M", "O", "M"))
                    .with_cvss(cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"))
                    .with_nist(Nist80030::new(VeryHigh, Moderate))
                    .with_epss(epss(0.42, 0.97)),
            ),
        Threat::new(p("THR-002"), "Model weight exfiltration from the inference cluster")
            .with_description("Stolen credentials give access to the model registry bucket.")
            .with_atlas(["AML.T0048.004", "AML.T0035"].map(p))
            .with_assets([p("chat-model-weights")])
            .with_owners([Actor::Csp, Actor::Mp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("P", "N", "T", "H", "C", "VH"))
                    .with_cvss(cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                    .with_nist(Nist80030::new(Moderate, VeryHigh))
                    .with_epss(epss(0.08, 0.91)),
            ),
        Threat::new(p("THR-003"), "Poisoned fine-tuning dataset from a data vendor")
            .with_description("A vendor dataset contains backdoor triggers.")
            .with_atlas(["AML.T0020", "AML.T0019"].map(p))
            .with_owasp_llm([p("LLM04:2025")])
            .with_assets([p("fine-tune-dataset"), p("support-model")])
            .with_owners([Actor::Mp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("N", "N", "T", "H", "S", "H"))
                    .with_cvss(cvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                    .with_nist(Nist80030::new(Low, High)),
            ),
        Threat::new(p("THR-004"), "Refund agent tool misuse")
            .with_description("The order agent can call the refund tool beyond policy limits.")
            .with_atlas(["AML.T0053"].map(p))
            .with_owasp_llm([p("LLM06:2025")])
            .with_owasp_agentic([p("ASI02")])
            .with_assets([p("order-agent"), p("refund-tool")])
            .with_owners([Actor::Ap, Actor::Osp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("A", "N", "T", "M", "C", "H"))
                    .with_cvss(cvss("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N"))
                    .with_nist(Nist80030::new(High, High))
                    .with_epss(epss(0.2, 0.94)),
            ),
        Threat::new(p("THR-005"), "System prompt extraction")
            .with_description("Users extract the hidden system prompt and business rules.")
            .with_atlas(["AML.T0056"].map(p))
            .with_owasp_llm([p("LLM07:2025")])
            .with_assets([p("support-bot-system-prompt")])
            .with_owners([Actor::Ap])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("A", "Y", "P", "L", "O", "L"))
                    .with_cvss(cvss("CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"))
                    .with_nist(Nist80030::new(VeryHigh, Low)),
            ),
        Threat::new(p("THR-006"), "Cost harvesting through resource-intensive queries")
            .with_description("Automated clients send long-context prompts to run up inference costs.")
            .with_atlas(["AML.T0034.001"].map(p))
            .with_owasp_llm([p("LLM10:2025")])
            .with_assets([p("chat-api")])
            .with_owners([Actor::Ap, Actor::Csp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("P", "Y", "P", "L", "O", "M"))
                    .with_cvss(cvss("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N"))
                    .with_nist(Nist80030::new(High, Low)),
            ),
        Threat::new(p("THR-007"), "Malicious MCP server in the agent's tool registry")
            .with_description("A look-alike tool server is published and picked up by the agent.")
            .with_atlas(["AML.T0104", "AML.T0010.005"].map(p))
            .with_owasp_llm([p("LLM03:2025")])
            .with_owasp_agentic([p("ASI04")])
            .with_assets([p("order-agent")])
            .with_owners([Actor::Osp])
            .with_assessments(
                ThreatAssessments::default()
                    .with_ssvc(ssvc("P", "Y", "T", "H", "O", "VH"))
                    .with_cvss(cvss(
                        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
                    ))
                    .with_nist(Nist80030::new(Moderate, VeryHigh))
                    .with_epss(epss(0.03, 0.6)),
            ),
        Threat::new(p("THR-008"), "Hallucinated package names in generated code")
            .with_description("Generated code imports non-existent packages that attackers register.")
            .with_atlas(["AML.T0060"].map(p))
            .with_owasp_llm([p("LLM09:2025")])
            .with_assets([p("code-assistant")])
            .with_owners([Actor::Ap, Actor::Aic])
            .with_status(ThreatStatus::Mitigating)
            .with_assessments(
                ThreatAssessments::default()
                    .with_cvss(cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"))
                    .with_nist(Nist80030::new(Moderate, Moderate)),
            ),
    ];
    let mitigations = [
        Mitigation::new(
            p("MIT-01"),
            "Spotlight and sanitise retrieved content; disable markdown image rendering",
            20.0,
            reduces([("THR-001", 0.7), ("THR-005", 0.2)]),
        ),
        Mitigation::new(
            p("MIT-02"),
            "Short-lived, scoped credentials and egress controls for the model registry",
            40.0,
            reduces([("THR-002", 0.8)]),
        ),
        Mitigation::new(
            p("MIT-03"),
            "Dataset provenance checks and backdoor scans before fine-tuning",
            60.0,
            reduces([("THR-003", 0.6)]),
        ),
        Mitigation::new(
            p("MIT-04"),
            "Policy limits and human approval for refunds above a threshold",
            10.0,
            reduces([("THR-004", 0.9)]),
        ),
        Mitigation::new(
            p("MIT-05"),
            "Pin and sign agent tools; allow-list MCP servers",
            25.0,
            reduces([("THR-007", 0.85), ("THR-004", 0.2)]),
        ),
        Mitigation::new(
            p("MIT-06"),
            "Per-tenant token budgets and rate limits",
            15.0,
            reduces([("THR-006", 0.9)]),
        ),
    ];
    // Each threat's OWASP rating from its factors.
    let threats = threats.map(|mut t| {
        t.assessments.owasp = owasp_rating(t.id.as_str());
        t
    });
    ThreatRegister::new("Acme AI platform threat register")
        .with_threats(threats)
        .with_mitigations(mitigations)
}

/// An inventory asset as a table row: id, kind, supplier, layer, status, environments.
type AssetRow = (
    &'static str,
    AssetKind,
    &'static str,
    Layer,
    RegistryStatus,
    &'static [&'static str],
);

/// `examples/inventory/acme-aibom.json`.
fn acme_aibom() -> Inventory {
    use AssetKind::{Agent, Application, Infrastructure, Model, Prompt, Tool, VectorStore};
    use DependencyKind::{CallsTool, DependsOn, RetrievesFrom, RunsOn, UsesModel, UsesPrompt};
    use Layer::{OrchestratedServices, ProcessingInfrastructure};
    use RegistryStatus::{KnownGood, Released};
    const NOWHERE: &[&str] = &[];
    const PRODUCTION: &[&str] = &["production"];
    let cluster = Asset::new(
        p("gpu-cluster-eu"),
        Infrastructure,
        "gpu-cluster-eu",
        Some(version("3.2.0")),
    )
    .with_supplier(party("cloudco"))
    .with_layer(ProcessingInfrastructure)
    .with_environments(strings(["production"]))
    .with_status(KnownGood);
    // Every other asset's id is `name@version`: id, kind, supplier, layer, status, environments.
    #[rustfmt::skip]
    let versioned: [AssetRow; 14] = [
        ("chat-model@2.4.0", Model, "modelco", Layer::Model, KnownGood, NOWHERE),
        ("chat-model@2.5.0", Model, "modelco", Layer::Model, KnownGood, NOWHERE),
        ("chat-model@2.5.1", Model, "modelco", Layer::Model, Released, NOWHERE),
        ("chat-model@2.6.0-rc.1", Model, "modelco", Layer::Model, Released, NOWHERE),
        ("embed-model@1.2.0", Model, "modelco", Layer::Model, KnownGood, NOWHERE),
        ("product-docs-index@2026.3.0", VectorStore, "acme", OrchestratedServices, KnownGood, PRODUCTION),
        ("support-system-prompt@3.1.0", Prompt, "acme", Layer::Application, Released, NOWHERE),
        ("support-system-prompt@3.0.4", Prompt, "acme", Layer::Application, KnownGood, NOWHERE),
        ("refund-tool@0.9.2", Tool, "agentops", OrchestratedServices, Released, PRODUCTION),
        ("refund-tool@0.9.1", Tool, "agentops", OrchestratedServices, KnownGood, NOWHERE),
        ("order-agent@1.8.0", Agent, "agentops", OrchestratedServices, Released, PRODUCTION),
        ("support-bot@4.2.0", Application, "acme", Layer::Application, Released, &["production", "eu-west"]),
        ("support-bot-staging@4.3.0-beta.2", Application, "acme", Layer::Application, Released, &["staging"]),
        ("marketing-writer@1.0.0", Application, "acme", Layer::Application, Released, NOWHERE),
    ];
    let versioned = versioned.map(|(id, kind, supplier, layer, status, environments)| {
        let (name, ver) = id.split_once('@').unwrap();
        Asset::new(p(id), kind, name, Some(version(ver)))
            .with_supplier(party(supplier))
            .with_layer(layer)
            .with_environments(environments.iter().map(|e| e.to_string()))
            .with_status(status)
    });
    let dependencies = [
        ("support-bot@4.2.0", "chat-model@2.5.1", UsesModel),
        ("support-bot@4.2.0", "support-system-prompt@3.1.0", UsesPrompt),
        ("support-bot@4.2.0", "product-docs-index@2026.3.0", RetrievesFrom),
        ("support-bot@4.2.0", "order-agent@1.8.0", DependsOn),
        ("product-docs-index@2026.3.0", "embed-model@1.2.0", UsesModel),
        ("order-agent@1.8.0", "chat-model@2.5.1", UsesModel),
        ("order-agent@1.8.0", "refund-tool@0.9.2", CallsTool),
        ("support-bot-staging@4.3.0-beta.2", "chat-model@2.6.0-rc.1", UsesModel),
        ("marketing-writer@1.0.0", "chat-model@2.5.0", UsesModel),
        ("chat-model@2.5.1", "gpu-cluster-eu", RunsOn),
        ("chat-model@2.5.0", "gpu-cluster-eu", RunsOn),
    ]
    .map(|(from, to, kind)| Dependency::new(p(from), p(to), kind));
    Inventory::new("Acme AI platform AIBOM")
        .with_parties([
            InventoryParty::new(p("acme"), "Acme Retail").with_roles([Actor::Ap, Actor::Aic]),
            InventoryParty::new(p("modelco"), "ModelCo")
                .with_roles([Actor::Mp])
                .with_contact(Contact::new("ModelCo PSIRT").with_email("psirt@modelco.example")),
            InventoryParty::new(p("agentops"), "AgentOps").with_roles([Actor::Osp]),
            InventoryParty::new(p("cloudco"), "CloudCo").with_roles([Actor::Csp]),
        ])
        .with_assets(std::iter::once(cluster).chain(versioned))
        .with_dependencies(dependencies)
}

#[test]
fn seed_incidents_equal_the_example_files() {
    let cases = [
        (
            "examples/incidents/support-bot-offensive-output.json",
            support_bot_offensive_output(),
        ),
        (
            "examples/incidents/agent-unauthorized-refunds.json",
            agent_unauthorized_refunds(),
        ),
    ];
    for (path, built) in cases {
        let parsed = Incident::from_json(&read(path)).unwrap();
        assert_eq!(built, parsed, "{path}");
    }
}

#[test]
fn builtin_severity_section_equals_the_policy_file() {
    assert_eq!(&builtin_severity(), Policy::builtin().severity.as_ref().unwrap());
}

#[test]
fn small_team_escalation_equals_the_example_file() {
    let parsed = EscalationPolicy::from_json(&read("examples/escalation/small-team.json")).unwrap();
    assert_eq!(small_team_escalation(), parsed);
}

#[test]
fn threat_register_equals_the_example_file() {
    let parsed = ThreatRegister::from_json(&read("examples/threats/ai-threats.json")).unwrap();
    assert_eq!(threat_register(), parsed);
}

#[test]
fn inventory_equals_the_example_file() {
    let parsed = Inventory::from_json(&read("examples/inventory/acme-aibom.json")).unwrap();
    assert_eq!(acme_aibom(), parsed);
}

// ---------------------------------------------------------------------------------------
// 2. What Rust builds validates
// ---------------------------------------------------------------------------------------

#[test]
fn rust_built_documents_validate() {
    for incident in [support_bot_offensive_output(), agent_unauthorized_refunds()] {
        incident.validate().unwrap();
        CompiledPolicy::builtin().check_incident(&incident).unwrap();
    }
    builtin_severity().validate().unwrap();
    small_team_escalation().validate().unwrap();
    threat_register().validate().unwrap();
    acme_aibom().validate().unwrap();
}

// ---------------------------------------------------------------------------------------
// 3. The Rust path and the JSON path report the same problems
// ---------------------------------------------------------------------------------------

/// Validates `doc` in Rust and parses its JSON, and checks both say the same: both valid
/// (and the parsed document equals `doc`), or both invalid with equal reports. Returns
/// the report, if any.
fn same_verdict<D>(doc: &D) -> Result<Option<ValidationReport>, TestCaseError>
where
    D: Document + PartialEq + Debug,
{
    let rust = doc.validate().map_err(super::report);
    let json = D::from_json(&doc.to_json_pretty()).map_err(super::report);
    match (rust, json) {
        (Ok(()), Ok(parsed)) => {
            prop_assert_eq!(&parsed, doc, "the JSON path reads back another document");
            Ok(None)
        }
        (Err(rust), Err(json)) => {
            prop_assert_eq!(&rust, &json, "the two paths report different problems");
            Ok(Some(rust))
        }
        (rust, json) => Err(TestCaseError::fail(format!(
            "the Rust path says {:?}, the JSON path {:?}",
            rust.err(),
            json.err()
        ))),
    }
}

fn pointers(report: &ValidationReport) -> Vec<&str> {
    report.problems.iter().map(|p| p.pointer.as_str()).collect()
}

#[test]
fn an_invalid_incident_reports_the_same_problems_on_both_paths() {
    let mut inc = support_bot_offensive_output();
    inc.times.occurred_end = Some(ReportedTime::exact(p("2026-03-14T06:00:00Z"))); // before the start
    inc.times.closed_at = Some(p("2026-03-14T13:00:00Z")); // while recovered, not closed
    let again = inc.evidence[0].clone();
    inc.evidence.push(again); // a second `EV-1`
    let report = same_verdict(&inc).unwrap().expect("an invalid incident");
    assert!(!report.is_empty());
    assert_eq!(
        pointers(&report),
        ["/times/occurred_end", "/times/closed_at", "/evidence/1/id"],
        "{report}"
    );
}

#[test]
fn an_invalid_inventory_and_register_report_the_same_problems_on_both_paths() {
    let mut inventory = acme_aibom();
    let first = inventory.assets[0].clone();
    inventory.assets.push(first); // duplicate id
    inventory.dependencies.push(Dependency::new(
        p("gpu-cluster-eu"),
        p("support-bot@4.2.0"),
        DependencyKind::FineTunedFrom,
    )); // closes support-bot → chat-model@2.5.1 → gpu-cluster-eu → support-bot through lineage
    inventory.dependencies.push(Dependency::new(
        p("nowhere"),
        p("gpu-cluster-eu"),
        DependencyKind::RunsOn,
    ));
    inventory.assets[1].supplier = Some(party("nobody"));
    let report = same_verdict(&inventory).unwrap().expect("an invalid inventory");
    assert_eq!(report.len(), 4, "{report}");

    let mut register = threat_register();
    register.threats[0].assessments.epss = Some(epss(1.5, -0.1));
    register.mitigations[0].cost = 0.0;
    register.mitigations[1].reduces.push(Reduction::new(p("THR-999"), 2.0));
    let report = same_verdict(&register).unwrap().expect("an invalid register");
    // The four values outside the schema's bounds (the zero cost among them) are
    // structure problems, which come first on both paths; the unknown threat is reported
    // once they are fixed.
    assert_eq!(report.len(), 4, "{report}");
    register.threats[0].assessments.epss = Some(epss(0.5, 0.1));
    register.mitigations[1].reduces.last_mut().unwrap().fraction = 1.0;
    register.mitigations[0].cost = 1.0;
    let report = same_verdict(&register).unwrap().expect("an invalid register");
    assert_eq!(pointers(&report), ["/mitigations/1/reduces/1/threat"], "{report}");
}

fn hours(base: DateTime<Utc>, h: i64) -> DateTime<Utc> {
    base + TimeDelta::hours(h)
}

/// Hours from detection: mostly near it (possibly before), sometimes past year 9999 or
/// before year 0, which no document can hold.
fn offset_hours() -> impl Strategy<Value = i64> {
    prop_oneof![8 => -3i64..6, 1 => Just(70_000_000i64), 1 => Just(-20_000_000i64)]
}

/// A change to one optional time: keep what the lifecycle set, clear it, or set it to
/// some hours from detection.
fn time_edit() -> impl Strategy<Value = Option<Option<i64>>> {
    prop::option::of(prop::option::of(offset_hours()))
}

fn precision() -> impl Strategy<Value = Precision> {
    prop::sample::select(vec![
        Precision::Exact,
        Precision::Hour,
        Precision::Day,
        Precision::Month,
        Precision::Year,
    ])
}

/// Event details: a few I-JSON members (finite floats, integers within ±(2^53 − 1)).
fn details() -> impl Strategy<Value = Map<String, Value>> {
    const SAFE: i64 = (1 << 53) - 1;
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        (-SAFE..=SAFE).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z ]{0,8}".prop_map(Value::from),
    ];
    prop::collection::vec(("[a-z]{1,6}", leaf), 0..3).prop_map(Map::from_iter)
}

prop_compose! {
    /// An incident walked through legal phase changes, then edited through its public
    /// fields: times possibly out of order or inconsistent with the phase, evidence ids
    /// drawn from a small pool (so often repeated).
    fn messy_incident()(
        steps in prop::collection::vec((any::<prop::sample::Index>(), 1i64..90, details()), 0..6),
        occurred_start in prop::option::of((-4i64..4, precision())),
        occurred_end in prop::option::of((-4i64..4, precision())),
        detected_shift in prop::option::of(-3i64..3),
        aware in time_edit(),
        declared in time_edit(),
        closed in time_edit(),
        evidence in prop::collection::vec((0u8..3, offset_hours()), 0..4),
    ) -> Incident {
        let t0: DateTime<Utc> = p("2026-03-14T09:00:00Z");
        let by = responder("ic");
        let mut inc = Incident::new(
            p("INC-PROP-1"),
            "generated",
            p("prompt_injection"),
            Detection::new(DetectionSource::RedTeam),
            t0,
            p("detector"),
        );
        let mut now = t0;
        let steps_len = steps.len();
        for (pick, minutes, details) in steps {
            now += TimeDelta::minutes(minutes);
            if details.is_empty() {
                let legal = inc.phase().next();
                inc.transition(*pick.get(legal), now, by.clone()).unwrap();
            } else if minutes % 5 == 0 {
                // A determination the regulation module reads.
                let what = [Determination::Materiality, Determination::MajorIncident, Determination::SignificantIncident]
                    [usize::try_from(minutes % 3).unwrap()];
                inc.record(now, by.clone(), EventKind::Determined { what, holds: None, rationale: None }, details)
                    .unwrap();
            } else {
                inc.record(now, by.clone(), EventKind::Note { text: "generated".into() }, details).unwrap();
            }
        }
        if steps_len % 2 == 1 {
            inc.jurisdictions = vec![p("DE"), p("US-CA")];
            inc.impact.harms.push(Harm::new(HarmKind::Privacy));
        }
        let times = &mut inc.times;
        times.occurred_start = occurred_start.map(|(h, pr)| ReportedTime::approximate(hours(t0, h), pr));
        times.occurred_end = occurred_end.map(|(h, pr)| ReportedTime::approximate(hours(t0, h), pr));
        if let Some(h) = detected_shift {
            times.detected_at = hours(t0, h);
        }
        for (field, edit) in [(&mut times.aware_at, aware), (&mut times.declared_at, declared), (&mut times.closed_at, closed)] {
            if let Some(edit) = edit {
                *field = edit.map(|h| hours(t0, h));
            }
        }
        for (n, h) in evidence {
            inc.evidence.push(Evidence::new(
                p(&format!("EV-{n}")),
                "generated",
                Sha256Digest::of(&[n]),
                hours(t0, h),
            ));
        }
        inc
    }
}

fn asset_kind() -> impl Strategy<Value = AssetKind> {
    prop::sample::select(vec![
        AssetKind::Model,
        AssetKind::Dataset,
        AssetKind::Prompt,
        AssetKind::Tool,
        AssetKind::Agent,
        AssetKind::Application,
    ])
}

fn dependency_kind() -> impl Strategy<Value = DependencyKind> {
    prop::sample::select(vec![
        DependencyKind::UsesModel,
        DependencyKind::TrainedOn,
        DependencyKind::FineTunedFrom,
        DependencyKind::RetrievesFrom,
        DependencyKind::CallsTool,
        DependencyKind::UsesPrompt,
        DependencyKind::RunsOn,
        DependencyKind::DependsOn,
    ])
}

prop_compose! {
    /// An inventory over small id pools, so asset and party ids repeat, dependencies name
    /// missing assets (`a5`) or close cycles, and suppliers name missing parties (`p3`).
    fn messy_inventory()(
        parties in prop::collection::vec((0u8..3, prop::collection::vec(prop::sample::select(Actor::ALL.to_vec()), 0..3)), 0..4),
        assets in prop::collection::vec(
            (0u8..5, asset_kind(), prop::option::of((0u64..3, 0u64..10)), prop::option::of(0u8..4),
             prop::sample::select(vec![RegistryStatus::Released, RegistryStatus::KnownGood, RegistryStatus::Revoked]),
             prop::collection::vec("[a-z]{1,8}", 0..2)),
            0..6,
        ),
        dependencies in prop::collection::vec((0u8..6, 0u8..6, dependency_kind()), 0..5),
    ) -> Inventory {
        let parties = parties.into_iter().map(|(n, roles)| {
            InventoryParty::new(party(&format!("p{n}")), format!("Party {n}")).with_roles(roles)
        });
        let assets = assets.into_iter().map(|(n, kind, version, supplier, status, environments)| {
            let version = version.map(|(major, minor)| semver::Version::new(major, minor, 0));
            let asset = Asset::new(p(&format!("a{n}")), kind, format!("asset-{n}"), version)
                .with_status(status)
                .with_environments(environments);
            match supplier {
                Some(s) => asset.with_supplier(party(&format!("p{s}"))),
                None => asset,
            }
        });
        let dependencies = dependencies.into_iter().map(|(from, to, kind)| {
            Dependency::new(p(&format!("a{from}")), p(&format!("a{to}")), kind)
        });
        Inventory::new("generated")
            .with_parties(parties)
            .with_assets(assets)
            .with_dependencies(dependencies)
    }
}

/// A finite number around `[0, 1]`, often on or past its edges.
fn unit_ish() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(-0.0),
        -0.5..1.5f64,
        -1e9..1e9f64,
        // No JSON number: the Rust path must report what the JSON path reads back.
        Just(f64::NAN),
        Just(f64::INFINITY),
    ]
}

fn nist_level() -> impl Strategy<Value = NistLevel> {
    prop::sample::select(NistLevel::ALL.to_vec())
}

prop_compose! {
    /// Threat and mitigation ids from small pools (so often repeated), EPSS values and
    /// reduction fractions around `[0, 1]`, costs around 0, reductions naming missing
    /// threats (`THR-4`), SSVC assessments from a known or an unknown table.
    fn messy_threat()(
        n in 0u8..4,
        epss in prop::option::of((unit_ish(), unit_ish())),
        ssvc in prop::option::of((any::<bool>(), prop::sample::select(vec!["A", "P", "N", "X"]))),
        cvss_ in prop::option::of(prop::sample::select(vec![
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        ])),
        nist in prop::option::of((nist_level(), nist_level())),
        status in prop::sample::select(vec![ThreatStatus::Open, ThreatStatus::Mitigating, ThreatStatus::Closed]),
    ) -> Threat {
        let mut assessments = ThreatAssessments::default();
        if let Some((p_, pct)) = epss {
            assessments = assessments.with_epss(Epss::new(p_, pct, p("2026-11-20")));
        }
        if let Some((cisa, exploitation)) = ssvc {
            let table = if cisa { SSVC_CISA } else { "x_example.test:DT_UNKNOWN:1.0.0" };
            let selection = SsvcSelection::new([
                ("ssvc:E:1.1.0", exploitation),
                ("ssvc:A:2.0.0", "Y"),
                ("ssvc:TI:1.0.0", "T"),
                ("ssvc:MWI:1.0.0", "H"),
            ]).unwrap();
            assessments = assessments.with_ssvc([SsvcAssessment::new(table, selection)]);
        }
        if let Some(v) = cvss_ {
            assessments = assessments.with_cvss(cvss(v));
        }
        if let Some((likelihood, impact)) = nist {
            assessments = assessments.with_nist(Nist80030::new(likelihood, impact));
        }
        Threat::new(p(&format!("THR-{n}")), format!("threat {n}"))
            .with_status(status)
            .with_assessments(assessments)
    }
}

prop_compose! {
    fn messy_register()(
        threats in prop::collection::vec(messy_threat(), 0..5),
        mitigations in prop::collection::vec(
            (0u8..3, prop_oneof![Just(0.0), -10.0..100.0f64], prop::collection::vec((0u8..5, unit_ish()), 0..3)),
            0..4,
        ),
    ) -> ThreatRegister {
        let mitigations = mitigations.into_iter().map(|(n, cost, reduces)| {
            let reduces = reduces.into_iter().map(|(t, fraction)| Reduction::new(p(&format!("THR-{t}")), fraction));
            Mitigation::new(p(&format!("MIT-{n}")), format!("mitigation {n}"), cost, reduces)
        });
        ThreatRegister::new("generated").with_threats(threats).with_mitigations(mitigations)
    }
}

/// How many of 256 generated documents are valid, by the Rust path.
/// Writes the valid documents the generators make (a deterministic sample) under
/// `$AIIR_EXPORT_DIR/<kind>/`, for CI to check with validators other than Rust's (ajv,
/// Python `jsonschema` with format checking): the direction "what the crate writes, the
/// schema accepts" beyond the Rust `jsonschema` crate. Run with `--ignored`.
#[test]
#[ignore = "writes files; CI runs it with AIIR_EXPORT_DIR set"]
fn export_rust_built_documents() {
    let dir = std::path::PathBuf::from(std::env::var("AIIR_EXPORT_DIR").expect("AIIR_EXPORT_DIR"));
    fn export<D: Document + serde::Serialize>(
        dir: &std::path::Path,
        kind: &str,
        strategy: impl Strategy<Value = D>,
    ) -> usize {
        let out = dir.join(kind);
        std::fs::create_dir_all(&out).unwrap();
        let mut runner = TestRunner::deterministic();
        let mut n = 0;
        for _ in 0..256 {
            let doc = strategy.new_tree(&mut runner).unwrap().current();
            if doc.validate().is_ok() {
                std::fs::write(out.join(format!("{n:04}.json")), doc.to_json_pretty()).unwrap();
                n += 1;
            }
        }
        n
    }
    let counts = [
        export(&dir, "incident", messy_incident()),
        export(&dir, "inventory", messy_inventory()),
        export(&dir, "threat-register", messy_register()),
        export(&dir, "escalation-policy", messy_escalation()),
        export(&dir, "policy", messy_policy()),
    ];
    assert!(counts.iter().all(|&n| n >= 8), "{counts:?}");
    // The outputs the regulation module computes from those incidents.
    let regulation = aiir::regulation::Regulation::new(&aiir::regulation::RegulatoryProfile::new(
        aiir::regulation::builtin_rules().rules.iter().map(|r| r.regime.clone()),
    ))
    .unwrap();
    for kind in ["obligations", "art73-report"] {
        std::fs::create_dir_all(dir.join(kind)).unwrap();
    }
    let mut runner = TestRunner::deterministic();
    let mut exported = 0;
    for n in 0..128 {
        let inc = messy_incident().new_tree(&mut runner).unwrap().current();
        if inc.validate().is_err() {
            continue;
        }
        let now = inc.times.detected_at + TimeDelta::hours(100);
        let obligations = regulation.obligations(&inc, now);
        let art73 = aiir::regulation::Art73Report::from_incident(&inc);
        for (kind, text) in [
            ("obligations", serde_json::to_string_pretty(&obligations).unwrap()),
            ("art73-report", serde_json::to_string_pretty(&art73).unwrap()),
        ] {
            std::fs::write(dir.join(kind).join(format!("{n:04}.json")), text).unwrap();
        }
        exported += 1;
    }
    assert!(exported >= 16, "{exported} incidents' obligations exported");
    // The response outputs: plans and communications for those incidents (moved into
    // the built-in categories), and metrics over all of them.
    let policy = CompiledPolicy::builtin();
    let categories: Vec<_> = policy
        .policy()
        .taxonomy
        .categories
        .iter()
        .map(|c| c.id.clone())
        .collect();
    for kind in [
        "response-plan",
        "communications",
        "response-metrics",
        "triage",
        "replay-report",
    ] {
        std::fs::create_dir_all(dir.join(kind)).unwrap();
    }
    let aibom = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/inventory/acme-aibom.json"
    ))
    .unwrap();
    let aibom = Inventory::from_json(&aibom).unwrap();
    let graph = aibom.graph().unwrap();
    let mut runner = TestRunner::deterministic();
    let mut incidents = Vec::new();
    for n in 0..128usize {
        let mut inc = messy_incident().new_tree(&mut runner).unwrap().current();
        if inc.validate().is_err() {
            continue;
        }
        inc.category = categories[n % categories.len()].clone();
        let now = inc.times.detected_at + TimeDelta::hours(5);
        let (Ok(plan), Ok(comms)) = (policy.respond(&inc, now), policy.communications(&inc, now)) else {
            continue;
        };
        if n % 4 == 1 {
            inc.affected.push(
                AffectedAsset::new("chat-model@2.5.1".parse().unwrap(), AssetKind::Model)
                    .with_compromised(aiir::VersionRange::new(">=2.5.0, <2.6.0").unwrap()),
            );
        }
        let triage = if n % 2 == 0 {
            policy.triage(&inc, now)
        } else {
            policy.triage_with_inventory(&inc, now, &graph)
        }
        .unwrap();
        for (kind, text) in [
            ("response-plan", serde_json::to_string_pretty(&plan).unwrap()),
            ("communications", serde_json::to_string_pretty(&comms).unwrap()),
            ("triage", serde_json::to_string_pretty(&triage).unwrap()),
        ] {
            std::fs::write(dir.join(kind).join(format!("{n:04}.json")), text).unwrap();
        }
        incidents.push(inc);
    }
    assert!(
        incidents.len() >= 16,
        "{} incidents' response plans exported",
        incidents.len()
    );
    std::fs::create_dir_all(dir.join("lint-report")).unwrap();
    for (i, today) in ["2026-12-01", "2029-01-01"].iter().enumerate() {
        let report = policy.lint(today.parse().unwrap());
        std::fs::write(
            dir.join("lint-report").join(format!("{i:04}.json")),
            serde_json::to_string_pretty(&report).unwrap(),
        )
        .unwrap();
    }
    let mut stricter = policy.policy().clone();
    stricter.name = "stricter".to_owned();
    if let Some(sev) = stricter.severity.as_mut() {
        for c in &categories {
            if !sev.floors.iter().any(|f| &f.category == c) {
                sev.floors.push(CategoryFloor::new(c.clone(), Severity::High));
            }
        }
    }
    let stricter = stricter.compile().unwrap();
    let now = "2030-01-01T00:00:00Z".parse().unwrap();
    for (i, chunk) in incidents.chunks(8).enumerate() {
        let replay = policy.replay(&stricter, chunk, now);
        std::fs::write(
            dir.join("replay-report").join(format!("{i:04}.json")),
            serde_json::to_string_pretty(&replay).unwrap(),
        )
        .unwrap();
    }
    for (i, chunk) in incidents.chunks(8).enumerate() {
        let metrics = policy.metrics(chunk, now);
        std::fs::write(
            dir.join("response-metrics").join(format!("{i:04}.json")),
            serde_json::to_string_pretty(&metrics).unwrap(),
        )
        .unwrap();
    }
}

fn valid_count<D: Document>(strategy: impl Strategy<Value = D>) -> usize {
    let mut runner = TestRunner::deterministic();
    (0..256)
        .filter(|_| strategy.new_tree(&mut runner).unwrap().current().validate().is_ok())
        .count()
}

/// A duration from the ordinary to what no document can hold.
fn duration() -> impl Strategy<Value = IsoDuration> {
    prop::sample::select(vec![
        IsoDuration::minutes(5),
        IsoDuration::hours(8),
        IsoDuration::days(1),
        IsoDuration::months(1),
        IsoDuration::minutes(0),
        IsoDuration::days(40_000),
        IsoDuration::years(u32::MAX),
    ])
}

prop_compose! {
    /// The small-team escalation policy edited in Rust: steps and edges dropped or
    /// repeated, waits and shifts of any length, entries pointing nowhere.
    fn messy_escalation()(
        drop_step in prop::option::of(any::<prop::sample::Index>()),
        drop_edge in prop::option::of(any::<prop::sample::Index>()),
        repeat_step in prop::option::of(any::<prop::sample::Index>()),
        wait in prop::option::of(duration()),
        shift in prop::option::of(duration()),
        entry_nowhere in any::<bool>(),
    ) -> EscalationPolicy {
        let mut esc = small_team_escalation();
        if let Some(i) = drop_step {
            esc.steps.remove(i.index(esc.steps.len()));
        }
        if let Some(i) = drop_edge {
            esc.edges.remove(i.index(esc.edges.len()));
        }
        if let Some(i) = repeat_step {
            let step = esc.steps[i.index(esc.steps.len())].clone();
            esc.steps.push(step);
        }
        if let Some(d) = wait {
            for step in &mut esc.steps {
                if let Step::Wait { duration, .. } = step {
                    *duration = d;
                }
            }
        }
        if let Some(d) = shift {
            esc.rotations[0].shift = d;
        }
        if entry_nowhere {
            esc.entries[0].step = p("nowhere");
        }
        esc
    }
}

prop_compose! {
    /// The built-in policy edited in Rust: SLA targets and review cadence of any length,
    /// a category dropped from the taxonomy (so floors and escalation entries dangle),
    /// escalation edited as above or removed.
    fn messy_policy()(
        sla in prop::option::of((any::<prop::sample::Index>(), duration())),
        cadence in prop::option::of(duration()),
        drop_category in prop::option::of(any::<prop::sample::Index>()),
        escalation in prop::option::of(prop::option::of(messy_escalation())),
        drop_step in prop::option::of((any::<prop::sample::Index>(), any::<prop::sample::Index>())),
        reverse_steps in any::<bool>(),
    ) -> Policy {
        let mut policy = Policy::builtin().clone();
        // Playbook edits: a step removed (its dependents then dangle) or the steps listed
        // backwards (the same DAG).
        if let Some(response) = policy.response.as_mut() {
            let n = response.playbooks.len();
            if let Some((p, s)) = drop_step {
                let steps = &mut response.playbooks[p.index(n)].steps;
                let m = steps.len();
                steps.remove(s.index(m));
            }
            if reverse_steps {
                for p in &mut response.playbooks {
                    p.steps.reverse();
                }
            }
        }
        if let Some((i, d)) = sla {
            let severity = policy.severity.as_mut().unwrap();
            let n = severity.slas.len();
            severity.slas[i.index(n)].time_to_acknowledge = d;
        }
        policy.review_cadence = cadence.or(policy.review_cadence);
        if let Some(i) = drop_category {
            let n = policy.taxonomy.categories.len();
            policy.taxonomy.categories.remove(i.index(n));
        }
        if let Some(esc) = escalation {
            policy.escalation = esc;
        }
        policy
    }
}

#[test]
fn the_generators_make_valid_and_invalid_documents() {
    for (what, valid) in [
        ("incidents", valid_count(messy_incident())),
        ("inventories", valid_count(messy_inventory())),
        ("threat registers", valid_count(messy_register())),
        ("escalation policies", valid_count(messy_escalation())),
        ("policies", valid_count(messy_policy())),
    ] {
        assert!(
            (8..=248).contains(&valid),
            "{valid} of 256 generated {what} are valid: the property tests need both kinds"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn incidents_report_the_same_on_both_paths(inc in messy_incident()) {
        same_verdict(&inc)?;
    }

    #[test]
    fn inventories_report_the_same_on_both_paths(inventory in messy_inventory()) {
        same_verdict(&inventory)?;
    }

    #[test]
    fn threat_registers_report_the_same_on_both_paths(register in messy_register()) {
        same_verdict(&register)?;
    }

    #[test]
    fn escalation_policies_report_the_same_on_both_paths(esc in messy_escalation()) {
        same_verdict(&esc)?;
    }
}

proptest! {
    // A policy check builds its escalation graph and SLA checks: fewer, larger cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn policies_report_the_same_on_both_paths(policy in messy_policy()) {
        same_verdict(&policy)?;
    }
}

/// Values a Rust host can build but no document can hold — times past year 9999,
/// durations past 100 years — fail validation in Rust, at the pointer where the JSON
/// path fails to read them back, so what validates in Rust always reads back.
#[test]
fn values_beyond_what_documents_hold_fail_on_both_paths() {
    fn both_fail<D: Document + Debug>(doc: &D, pointer: &str) {
        let rust = super::report(doc.validate().expect_err("the Rust path refuses it"));
        let json = super::report(D::from_json(&doc.to_json_pretty()).expect_err("the JSON path refuses it"));
        assert!(pointers(&rust).contains(&pointer), "{rust}");
        assert!(pointers(&json).contains(&pointer), "{json}");
    }
    let far: DateTime<Utc> = p("+10000-01-01T00:00:00Z");

    let mut inc = support_bot_offensive_output();
    inc.evidence[0].collected_at = far;
    both_fail(&inc, "/evidence/0/collected_at");
    let mut inc = support_bot_offensive_output();
    inc.corrective_actions
        .push(CorrectiveAction::new(CapaKind::Corrective, "retrain", ActionStatus::Planned).with_due(far));
    both_fail(&inc, "/corrective_actions/0/due");
    let mut inc = support_bot_offensive_output();
    inc.times.aware_at = Some(far);
    both_fail(&inc, "/times/aware_at");
    // The timeline refuses such an event outright.
    let mut inc = support_bot_offensive_output();
    let err = inc
        .record(far, responder("bob"), EventKind::Note { text: "x".into() }, Map::new())
        .unwrap_err();
    assert!(err.to_string().contains("years 0000 to 9999"), "{err}");

    let mut severity = builtin_severity();
    severity.slas[0].time_to_acknowledge = IsoDuration::days(40_000);
    let report = super::report(severity.validate().unwrap_err());
    assert_eq!(pointers(&report), ["/slas/0/time_to_acknowledge"], "{report}");
    let policy = Policy::new("long").with_review_cadence(IsoDuration::years(101));
    both_fail(&policy, "/review_cadence");

    let mut esc = small_team_escalation();
    let Some(Step::Wait { duration, .. }) = esc.steps.iter_mut().find(|s| matches!(s, Step::Wait { .. })) else {
        panic!("the policy waits somewhere")
    };
    *duration = IsoDuration::hours(u32::MAX);
    let wait = esc.steps.iter().position(|s| matches!(s, Step::Wait { .. })).unwrap();
    both_fail(&esc, &format!("/steps/{wait}/duration"));
    let mut esc = small_team_escalation();
    esc.rotations[0].shift = IsoDuration::days(36_601);
    both_fail(&esc, "/rotations/0/shift");

    // Host data nested past 64 levels: refused on both paths at the same container.
    let mut deep = Value::from(1);
    for _ in 0..70 {
        deep = Value::Array(vec![deep]);
    }
    let mut inc = support_bot_offensive_output();
    inc.extensions.insert("x".into(), deep);
    let pointer = format!("/extensions/x{}", "/0".repeat(63));
    both_fail(&inc, &pointer);
}
