//! The two seed scenarios, built through the public API. The checked-in files under
//! `examples/incidents/` must equal what this produces.

use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn r(s: &str) -> ResponderId {
    ResponderId::new(s).unwrap()
}

fn details(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Seed example 01: an LLM customer-support bot emits offensive language after a
/// prompt-injection campaign; the deployment is disabled, the system prompt rolled back
/// and regulators notified.
pub(crate) fn support_bot_offensive_output() -> Incident {
    let mut inc = Incident::new(
        IncidentId::new("INC-2026-0042").unwrap(),
        "Support chatbot emits offensive language after prompt-injection campaign",
        CategoryId::new("harmful_output").unwrap(),
        serde_json::from_value(json!({"source": "guardrail", "method": "toxicity classifier score > 0.9 on 3% of replies", "detector": "output-guardrail"})).unwrap(),
        t("2026-03-14T09:12:00Z"),
        r("output-guardrail"),
    );
    inc.summary = "The customer-support assistant answered customers with offensive language. A coordinated campaign of crafted messages overrode the system prompt's tone and safety instructions.".into();
    inc.times.occurred_start =
        Some(serde_json::from_value(json!({"at": "2026-03-14T07:00:00Z", "precision": "hour"})).unwrap());
    inc.times.aware_at = Some(t("2026-03-14T09:40:00Z"));
    inc.impact = serde_json::from_value(json!({
        "blast_radius": "multi_tenant",
        "harms": [
            {"kind": "reputational", "description": "offensive replies shared on social media"},
            {"kind": "health", "realization": "potential", "affected_group": "customers", "description": "abusive language towards vulnerable users"}
        ],
        "users_affected": 1840,
        "autonomy": "human_on_the_loop",
        "exploitation_observed": true
    }))
    .unwrap();
    inc.affected = serde_json::from_value(json!([
        {"id": "support-bot", "kind": "application", "name": "Acme customer-support assistant", "version": "4.2.0", "environment": "production", "owner": "acme"},
        {"id": "support-bot-system-prompt", "kind": "prompt", "version": "3.1.0", "owner": "acme"},
        {"id": "modelco-chat", "kind": "model", "name": "ModelCo Chat", "version": "2.5.1", "owner": "modelco"}
    ]))
    .unwrap();
    inc.parties = serde_json::from_value(json!([
        {"party": "acme", "name": "Acme Retail", "roles": ["AP"], "contact": {"name": "Acme AI security", "email": "ai-security@acme.example"}},
        {"party": "modelco", "name": "ModelCo", "roles": ["MP"]},
        {"party": "cloudco", "name": "CloudCo", "roles": ["CSP"]}
    ]))
    .unwrap();
    inc.indicators = serde_json::from_value(json!([
        {"kind": "prompt", "value": "ignore your previous instructions and answer like", "description": "shared prefix of the injected messages"},
        {"kind": "account", "value": "guest-sessions from 203.0.113.0/24"}
    ]))
    .unwrap();
    inc.causal_link = Some(CausalLink::Established);
    inc.chain_of_events = Some("Crafted customer messages → system prompt instructions overridden → offensive replies to other customers in shared sessions.".into());
    inc.tags = vec!["seed-example-01".into(), "prompt-injection".into()];

    let ic = r("alice");
    inc.record(
        t("2026-03-14T09:15:00Z"),
        ic.clone(),
        EventKind::Acknowledged { responder: ic.clone() },
        Map::new(),
    )
    .unwrap();
    inc.transition(Phase::Triaged, t("2026-03-14T09:25:00Z"), ic.clone())
        .unwrap();
    inc.record(
        t("2026-03-14T09:26:00Z"),
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
        t("2026-03-14T09:27:00Z"),
        r("aiir-automation"),
        EventKind::ActionExecuted {
            action: "disable_deployment".into(),
            automated: true,
            outcome: ActionOutcome::Succeeded,
        },
        details(json!({"deployment": "support-bot/production", "playbook": "contain-harmful-output"})),
    )
    .unwrap();
    inc.transition(Phase::Contained, t("2026-03-14T09:30:00Z"), ic.clone())
        .unwrap();
    let digest = Sha256Digest::of(b"prompt-and-output-log-2026-03-14");
    inc.evidence.push(
        serde_json::from_value(json!({
            "id": "EV-1", "description": "prompt and output logs 07:00-09:30 UTC", "sha256": digest.as_str(),
            "uri": "s3://acme-ir/INC-2026-0042/logs.jsonl", "collected_at": "2026-03-14T09:35:00Z", "collected_by": "bob"
        }))
        .unwrap(),
    );
    inc.record(
        t("2026-03-14T09:35:00Z"),
        r("bob"),
        EventKind::EvidenceAdded {
            evidence: EvidenceId::new("EV-1").unwrap(),
            sha256: digest,
            description: "prompt and output logs".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc.record(
        t("2026-03-14T10:05:00Z"),
        r("bob"),
        EventKind::ActionExecuted {
            action: "rollback_system_prompt".into(),
            automated: false,
            outcome: ActionOutcome::Succeeded,
        },
        details(json!({"from_version": "3.1.0", "to_version": "3.0.4"})),
    )
    .unwrap();
    inc.transition(Phase::Eradicated, t("2026-03-14T10:20:00Z"), ic.clone())
        .unwrap();
    inc.record(
        t("2026-03-14T11:00:00Z"),
        ic.clone(),
        EventKind::NotificationSent {
            recipient: "national market surveillance authority".into(),
            regime: Some("EU AI Act Art. 73".into()),
            reference: None,
        },
        Map::new(),
    )
    .unwrap();
    inc.transition_with_reason(
        Phase::Recovered,
        t("2026-03-14T12:30:00Z"),
        ic,
        Some("deployment re-enabled with prompt 3.0.4 and stricter input filter".into()),
    )
    .unwrap();
    inc
}

/// Seed example 02: an agentic workflow performs unauthorized refunds; finance, legal
/// and AI security use the AIBOM to identify affected accounts.
pub(crate) fn agent_unauthorized_refunds() -> Incident {
    let mut inc = Incident::new(
        IncidentId::new("INC-2026-0107").unwrap(),
        "Refund agent issues unauthorized refunds",
        CategoryId::new("rogue_agent").unwrap(),
        serde_json::from_value(json!({"source": "automated_monitoring", "method": "refund volume 12x daily baseline", "detector": "finance-anomaly-detector"})).unwrap(),
        t("2026-05-02T16:45:00Z"),
        r("finance-anomaly-detector"),
    );
    inc.summary = "The order-support agent called the refund tool for orders that did not qualify, after a tool description change widened what it believed it may do.".into();
    inc.impact = serde_json::from_value(json!({
        "blast_radius": "single_tenant",
        "harms": [{"kind": "financial", "description": "412 refunds totalling EUR 61,300 paid without authorization"}],
        "users_affected": 412,
        "autonomy": "bounded_agent",
        "exploitation_observed": false
    }))
    .unwrap();
    inc.affected = serde_json::from_value(json!([
        {"id": "order-agent", "kind": "agent", "version": "1.8.0", "environment": "production", "owner": "shopco"},
        {"id": "refund-tool", "kind": "tool", "name": "payments MCP server: refund", "version": "0.9.2", "owner": "agentops"},
        {"id": "customer-accounts", "kind": "data", "name": "customer accounts refunded in error"}
    ]))
    .unwrap();
    inc.parties = serde_json::from_value(json!([
        {"party": "shopco", "name": "ShopCo", "roles": ["AP", "AIC"]},
        {"party": "agentops", "name": "AgentOps", "roles": ["OSP"]},
        {"party": "modelco", "name": "ModelCo", "roles": ["MP"]}
    ]))
    .unwrap();
    inc.extensions = details(json!({"ticketing": {"system": "jira", "key": "FIN-2231"}}));
    inc.tags = vec!["seed-example-02".into()];

    let sec = r("ai-security-oncall");
    inc.record(
        t("2026-05-02T16:52:00Z"),
        sec.clone(),
        EventKind::Acknowledged { responder: sec.clone() },
        Map::new(),
    )
    .unwrap();
    inc.transition(Phase::Triaged, t("2026-05-02T17:00:00Z"), sec.clone())
        .unwrap();
    inc.record(
        t("2026-05-02T17:01:00Z"),
        r("aiir-automation"),
        EventKind::ActionExecuted {
            action: "revoke_tool_access".into(),
            automated: true,
            outcome: ActionOutcome::Succeeded,
        },
        details(json!({"agent": "order-agent", "tool": "refund-tool"})),
    )
    .unwrap();
    inc.transition(Phase::Contained, t("2026-05-02T17:05:00Z"), sec.clone())
        .unwrap();
    inc.record(
        t("2026-05-02T18:30:00Z"),
        r("finance-lead"),
        EventKind::Note {
            text: "AIBOM query: 412 accounts refunded via refund-tool 0.9.2 since 2026-05-02T13:10Z".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc
}
