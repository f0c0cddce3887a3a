//! The CLI's exit codes and output.

use std::io::Write;
use std::process::{Command, Stdio};

use super::root;

fn aiir(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aiir"))
        .args(args)
        .current_dir(root(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn schema_prints_the_checked_in_schema() {
    let (code, out, _) = aiir(&["schema", "incident"], None);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        std::fs::read_to_string(root("schemas/incident.schema.json")).unwrap()
    );
}

#[test]
fn validate_valid_examples_exits_0() {
    let (code, out, _) = aiir(
        &[
            "validate",
            "incident",
            "examples/incidents/support-bot-offensive-output.json",
            "examples/incidents/agent-unauthorized-refunds.json",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches(": valid").count(), 2);
}

#[test]
fn validate_invalid_exits_1_with_every_problem_as_json() {
    let (code, out, _) = aiir(
        &["validate", "incident", "-", "--format", "json"],
        Some(r#"{"schema_version":"1.0.0","id":"x y"}"#),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["file"], "-");
    assert_eq!(v[0]["valid"], false);
    let pointers: Vec<&str> = v[0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        ["/category", "/detection", "/id", "/phase", "/times", "/title"],
        "in document order: by pointer, members by name"
    );
}

#[test]
fn validate_policy_and_custom_taxonomy() {
    let (code, _, _) = aiir(&["validate", "policy", "data/builtin-policy.json"], None);
    assert_eq!(code, 0);
    let dir = std::env::temp_dir().join(format!("aiir-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("tiny.json");
    std::fs::write(
        &policy,
        r#"{"schema_version":"1.0.0","name":"tiny","taxonomy":{"categories":[]}}"#,
    )
    .unwrap();
    let (code, out, _) = aiir(
        &[
            "validate",
            "incident",
            "examples/incidents/agent-unauthorized-refunds.json",
            "--policy",
            policy.to_str().unwrap(),
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("/category: expected a category defined in policy `tiny`"),
        "{out}"
    );
}

#[test]
fn io_and_usage_errors_exit_2() {
    let (code, _, err) = aiir(&["validate", "incident", "no/such/file.json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read `no/such/file.json`"), "{err}");
    let (code, _, _) = aiir(&["validate", "spreadsheet", "x"], None);
    assert_eq!(code, 2);
}

#[test]
fn assess_prints_the_assessment_json_and_text() {
    let (code, out, err) = aiir(&["assess", "examples/incidents/agent-unauthorized-refunds.json"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["severity"], "high");
    assert_eq!(v["priority"], "P1");
    assert_eq!(v["rationale"]["rows"]["level"], "major");
    let (code, out, _) = aiir(
        &["assess", "-", "--format", "text"],
        Some(&std::fs::read_to_string(root("examples/incidents/support-bot-offensive-output.json")).unwrap()),
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("severity high (SEV2), priority P1, urgency high\n"),
        "{out}"
    );
}

#[test]
fn assess_reports_invalid_incidents_and_policies_without_severity() {
    let (code, out, err) = aiir(&["assess", "-"], Some("{}"));
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("/schema_version"), "{err}");
    let dir = std::env::temp_dir().join(format!("aiir-cli-assess-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("bare.json");
    std::fs::write(
        &policy,
        r#"{"schema_version":"1.0.0","name":"bare","taxonomy":{"categories":[{"id":"rogue_agent","name":"Rogue agent","domain":"deployment","description":"agents"}]}}"#,
    )
    .unwrap();
    let (code, _, err) = aiir(
        &[
            "assess",
            "examples/incidents/agent-unauthorized-refunds.json",
            "--policy",
            policy.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("policy `bare` has no `severity` section"), "{err}");
}

#[test]
fn prioritize_ranks_the_example_register() {
    let (code, out, err) = aiir(
        &[
            "prioritize",
            "examples/threats/ai-threats.json",
            "--method",
            "cvss",
            "--top",
            "2",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entries"].as_array().unwrap().len(), 2);
    assert_eq!(v["entries"][0]["threat"], "THR-002");
    assert_eq!(v["entries"][0]["score"], 9.8);
    let (code, out, _) = aiir(
        &[
            "prioritize",
            "examples/threats/ai-threats.json",
            "--plan",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("mitigation plan (SSVC") && out.contains("initial risk"),
        "{out}"
    );
    let (code, out, err) = aiir(
        &["prioritize", "-"],
        Some(
            r#"{"schema_version": "1.0.0", "name": "x", "threats": [{"id": "a", "title": "t", "assessments": {"cvss": "CVSS:3.1/AV:N"}}]}"#,
        ),
    );
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("/threats/0/assessments/cvss"), "{err}");
}

#[test]
fn affected_and_rollback() {
    let (code, out, err) = aiir(
        &[
            "affected",
            "examples/inventory/acme-aibom.json",
            "--asset",
            "chat-model",
            "--versions",
            ">=2.5.1, <2.6.0",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["affected"].as_array().unwrap().len(), 3);
    assert_eq!(v["affected"][0]["owner"]["name"], "AgentOps");
    let (code, out, _) = aiir(
        &[
            "rollback",
            "examples/inventory/acme-aibom.json",
            "--asset",
            "chat-model",
            "--versions",
            ">=2.5.1",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"rollback_to\": \"chat-model@2.5.0\""), "{out}");
    let (code, _, err) = aiir(
        &[
            "rollback",
            "examples/inventory/acme-aibom.json",
            "--asset",
            "chat-model",
            "--versions",
            "*",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("every known-good version"), "{err}");
    let (code, _, err) = aiir(
        &[
            "affected",
            "examples/inventory/acme-aibom.json",
            "--asset",
            "x",
            "--versions",
            "not a range",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid `--versions` `not a range`"), "{err}");
    let (code, out, _) = aiir(
        &[
            "affected",
            "tests/fixtures/cyclonedx/valid-dependency-1.6.json",
            "--cyclonedx",
            "--asset",
            "library-c",
            "--versions",
            "*",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("2 affected"), "{out}");
}

#[test]
fn import_and_affected_on_real_boms() {
    // `import` prints an inventory document that `validate inventory` accepts.
    let (code, out, err) = aiir(
        &["import", "spdx", "tests/fixtures/bom/spdx/simplehtr-ai.spdx3.json"],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = aiir(&["validate", "inventory", "-"], Some(&out));
    assert_eq!(code, 0, "{err}");
    // `affected` detects the format; by purl on a Composer BOM whose dependencies name
    // the BOM's subject.
    let (code, out, err) = aiir(
        &[
            "affected",
            "tests/fixtures/bom/cyclonedx/laravel-7.12.0.cdx-1.2.json",
            "--asset",
            "pkg:composer/symfony/http-foundation",
            "--versions",
            "<5.4.17",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("7 affected"), "{out}");
    assert!(
        out.contains("cyclonedx/cyclonedx-php-composer-demo-dev-master"),
        "{out}"
    );
    // A broken entry: refused, or skipped with `--lenient` (listed on standard error).
    let mut bom: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/fixtures/bom/cyclonedx/saasbom-apigateway.cdx-1.4.json")).unwrap(),
    )
    .unwrap();
    bom["services"][0]["services"][1]["name"] = serde_json::json!(false);
    let bom = bom.to_string();
    let (code, _, err) = aiir(&["import", "cyclonedx", "-"], Some(&bom));
    assert_eq!(code, 1);
    assert!(
        err.contains("-: invalid cyclonedx document: 1 problem\n  /services/0/services/1/name: expected a name (a string), found false"),
        "{err}"
    );
    let (code, out, err) = aiir(
        &["rollback", "-", "--lenient", "--asset", "x", "--versions", "*"],
        Some(&bom),
    );
    assert_eq!(code, 1, "no rollback target for an unknown asset: {out}");
    assert!(err.contains("-: skipped /services/0/services/1/name"), "{err}");
    let (code, _, err) = aiir(&["import", "cyclonedx", "-", "--lenient"], Some(&bom));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn audit_json_and_markdown() {
    let (code, out, err) = aiir(&["audit", "data/builtin-policy.json", "--today", "2026-11-21"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["controls"][0]["caiq"]["answer"], "YES");
    assert_eq!(v["controls"][0]["caiq"]["owner"], "AP-Owned");
    let (code, out, _) = aiir(
        &["audit", "-", "--format", "markdown", "--today", "2026-11-21"],
        Some(r#"{"schema_version":"1.0.0","name":"bare"}"#),
    );
    assert_eq!(code, 0);
    assert!(out.contains("AI-CAIQ SEF-07.1: **NO**, owner `ND`"), "{out}");
}

#[test]
fn escalation_validate_simulate_dot() {
    let (code, out, _) = aiir(
        &["escalation", "validate", "examples/escalation/supply-chain.json"],
        None,
    );
    assert_eq!(code, 0, "{out}");
    let (code, out, err) = aiir(
        &[
            "escalation",
            "simulate",
            "examples/escalation/small-team.json",
            "--category",
            "harmful_output",
            "--severity",
            "high",
            "--start",
            "2026-03-30T08:30:00Z",
            "--ack",
            "bob@2026-03-30T08:37:00Z",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["pages"].as_array().unwrap().len(), 2);
    assert_eq!(v["outcome"]["kind"], "acknowledged");
    let (code, out, _) = aiir(&["escalation", "dot", "examples/escalation/small-team.json"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph \"ai-platform-oncall\""), "{out}");
    let (code, _, err) = aiir(
        &["escalation", "validate", "-"],
        Some(r#"{"schema_version":"1.0.0","name":"x","steps":[],"edges":[],"entries":[]}"#),
    );
    assert_eq!(code, 1);
    assert!(err.contains("an entry point for any category"), "{err}");
    let (code, _, err) = aiir(
        &[
            "escalation",
            "simulate",
            "examples/escalation/small-team.json",
            "--category",
            "x",
            "--severity",
            "huge",
            "--start",
            "2026-03-30T08:30:00Z",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid severity `huge`"), "{err}");
    // Coverage: the example covers every start; a rotation that starts mid-week does not.
    let (code, out, _) = aiir(
        &[
            "escalation",
            "coverage",
            "examples/escalation/small-team.json",
            "--from",
            "2026-01-05T00:00:00Z",
        ],
        None,
    );
    assert_eq!((code, out.trim()), (0, "[]"));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root("examples/escalation/small-team.json")).unwrap()).unwrap();
    for r in v["rotations"].as_array_mut().unwrap() {
        r["start"] = serde_json::json!("2026-01-07T08:00:00Z");
    }
    for step in v["steps"].as_array_mut().unwrap() {
        if step["kind"] == "notify" {
            step["targets"] = serde_json::json!(["primary"]);
        }
    }
    let (code, out, _) = aiir(
        &[
            "escalation",
            "coverage",
            "-",
            "--from",
            "2026-01-05T00:00:00Z",
            "--days",
            "3",
        ],
        Some(&v.to_string()),
    );
    assert_eq!(code, 1, "{out}");
    let gaps: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(gaps[0]["from"], "2026-01-05T00:00:00Z");
    // An ack by a responder whose id contains `@`.
    let (code, _, err) = aiir(
        &[
            "escalation",
            "simulate",
            "examples/escalation/small-team.json",
            "--category",
            "x",
            "--severity",
            "high",
            "--start",
            "2026-03-30T08:30:00Z",
            "--ack",
            "bot@example.org@2026-03-30T08:37:00Z",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn validate_accepts_every_document_kind() {
    for (kind, file) in [
        ("incident", "examples/incidents/agent-unauthorized-refunds.json"),
        ("policy", "data/builtin-policy.json"),
        ("threat-register", "examples/threats/ai-threats.json"),
        ("inventory", "examples/inventory/acme-aibom.json"),
        ("escalation-policy", "examples/escalation/small-team.json"),
    ] {
        let (code, out, err) = aiir(&["validate", kind, file, "--format", "text"], None);
        assert_eq!(code, 0, "{kind}: {out}{err}");
        assert_eq!(out.trim(), format!("{file}: valid"));
    }
    let (code, out, _) = aiir(
        &["validate", "escalation-policy", "-", "--format", "text"],
        Some(r#"{"schema_version": "1.0.0", "name": "x", "steps": [], "edges": [], "entries": []}"#),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("/entries: expected an entry point for any category"),
        "{out}"
    );
}

#[test]
fn obligations_record_and_art73_report() {
    let example = "examples/incidents/bank-assistant-data-exposure.json";
    let (code, out, err) = aiir(
        &[
            "obligations",
            example,
            "--regimes",
            "gdpr-art33,nis2-art23,dora",
            "--now",
            "2026-09-15T08:00:00Z",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::Obligations.check_value(&v).unwrap();
    let row = |regime: &str, report: &str| {
        v["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["regime"] == regime && o["report"] == report)
            .unwrap_or_else(|| panic!("{regime} {report} in {out}"))
            .clone()
    };
    assert_eq!(row("dora", "initial")["status"], "met");
    assert_eq!(row("gdpr-art33", "notification")["deadline"], "2026-09-17T07:30:00Z");
    assert_eq!(row("gdpr-art33", "notification")["status"], "pending");
    assert!(row("gdpr-art33", "notification")["why"].as_array().unwrap().len() >= 3);
    // The policy's profile (the built-in one lists none) owes nothing.
    let (code, out, _) = aiir(
        &[
            "obligations",
            example,
            "--now",
            "2026-09-15T08:00:00Z",
            "--format",
            "text",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("none owed") && out.contains("not subject"), "{out}");
    // Record the materiality determination (shell users log determinations and sent
    // reports), then pipe the updated incident on: the SEC clock starts.
    let (code, recorded, err) = aiir(
        &[
            "record",
            example,
            "--at",
            "2026-09-15T14:00:00Z",
            "--by",
            "general-counsel",
            "--event",
            r#"{"kind":"determined","what":"materiality","rationale":"customer trust, regulatory exposure"}"#,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let incident = aiir::Incident::from_json(&recorded).unwrap();
    assert_eq!(incident.timeline().len(), 7);
    let (code, out, err) = aiir(
        &[
            "obligations",
            "-",
            "--regimes",
            "sec-8k-1.05",
            "--now",
            "2026-09-15T15:00:00Z",
        ],
        Some(&recorded),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Tuesday 15 September: Wed 16, Thu 17, Fri 18, Mon 21, at 5:30 p.m. EDT.
    assert_eq!(v["obligations"][0]["deadline"], "2026-09-21T21:30:00Z");
    // The lifecycle is checked: `contained` is not reachable from `detected` directly,
    // and an event earlier than the last one is refused.
    let (code, out, err) = aiir(
        &[
            "record",
            "examples/incidents/agent-unauthorized-refunds.json",
            "--at",
            "2026-05-03T00:00:00Z",
            "--by",
            "ic",
            "--event",
            r#"{"kind":"phase_changed","from":"contained","to":"detected"}"#,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    // Refusals go to standard error: standard output is the document.
    assert!(out.is_empty() && err.contains("illegal transition"), "{out} / {err}");
    let (code, out, err) = aiir(
        &[
            "record",
            example,
            "--at",
            "2026-01-01T00:00:00Z",
            "--by",
            "x",
            "--event",
            r#"{"kind":"note","text":"late"}"#,
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        out.is_empty() && err.contains("earlier than the last timeline event"),
        "{err}"
    );
    // Usage errors exit 2 on stderr.
    for args in [
        &[
            "record",
            example,
            "--at",
            "2026-09-16T00:00:00Z",
            "--by",
            "x",
            "--event",
            "{\"kind\":\"teleported\"}",
        ][..],
        &["obligations", example, "--regimes", "No Such"][..],
        &["obligations", example, "--holidays", "README.md"][..],
    ] {
        let (code, _, err) = aiir(args, None);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("aiir: "), "{err}");
    }
    // The Art. 73 pre-fill, as JSON (valid against its schema) and Markdown.
    let (code, out, _) = aiir(&["report", "art73", example], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::Art73Report.check_value(&v).unwrap();
    assert_eq!(v["report_type"], "initial");
    assert_eq!(v["already_reported_under"], serde_json::json!(["dora", "nis2-art23"]));
    let (code, md, _) = aiir(&["report", "art73", example, "--format", "markdown"], None);
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# EU AI Act Art. 73 serious-incident report: INC-2026-0311"),
        "{md}"
    );
    assert!(md.contains("## Still missing"), "{md}");
}

#[test]
fn respond_communications_and_metrics() {
    let inc = "examples/incidents/agent-unauthorized-refunds.json";
    let now = "2026-05-02T17:10:00Z";
    let (code, out, err) = aiir(&["respond", inc, "--now", now], None);
    assert_eq!(code, 0, "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["playbook"], "agent-runaway");
    let steps = plan["steps"].as_array().unwrap();
    assert!(steps.iter().all(|s| s["owner"]["assignee"].is_string()));
    assert_eq!(steps[0]["id"], "preserve-logs");
    assert_eq!(steps[0]["due"], "2026-05-02T17:15:00Z");
    assert_eq!(plan["next"]["ready"], serde_json::json!(["preserve-logs"]));
    assert!(plan["sla"].as_array().is_some_and(|c| !c.is_empty()));
    aiir::schema::SchemaDocument::ResponsePlan.check_value(&plan).unwrap();
    let (code, md, _) = aiir(&["respond", inc, "--now", now, "--format", "markdown"], None);
    assert_eq!(code, 0);
    assert!(md.starts_with("# Response plan for INC-2026-0107"), "{md}");
    assert!(md.contains("| preserve-logs "), "{md}");
    // From standard input, as text.
    let text = std::fs::read_to_string(root(inc)).unwrap();
    let (code, out, _) = aiir(&["respond", "-", "--now", now, "--format", "text"], Some(&text));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Response for INC-2026-0107 at 2026-05-02T17:10:00Z: playbook `agent-runaway`"),
        "{out}"
    );

    let (code, out, err) = aiir(&["communications", inc, "--now", now], None);
    assert_eq!(code, 0, "{err}");
    let comms: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::Communications
        .check_value(&comms)
        .unwrap();
    let team = comms["updates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["audience"] == "incident-team")
        .unwrap();
    assert!(
        team["draft"]
            .as_str()
            .unwrap()
            .contains("INC-2026-0107: Refund agent issues unauthorized refunds"),
        "{team}"
    );
    let (code, text, _) = aiir(&["communications", inc, "--now", now, "--format", "text"], None);
    assert_eq!(code, 0);
    assert!(text.contains("incident-team → incident-team"), "{text}");
    assert!(
        text.contains("      [") && text.contains("Refund agent issues unauthorized refunds"),
        "drafts are shown: {text}"
    );

    let (code, out, err) = aiir(
        &[
            "metrics",
            inc,
            "examples/incidents/support-bot-offensive-output.json",
            "--now",
            now,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let metrics: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::ResponseMetrics
        .check_value(&metrics)
        .unwrap();
    assert_eq!(metrics["incidents"], 2);
    assert_eq!(metrics["mtta"]["over"], 2);

    // A policy whose only playbook does not apply: exit 1 naming the incident.
    let mut policy: serde_json::Value = serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap();
    policy["response"]["playbooks"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["id"] == "model-theft");
    let dir = std::env::temp_dir().join(format!("aiir-cli-respond-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("policy.json");
    std::fs::write(&path, policy.to_string()).unwrap();
    let (code, _, err) = aiir(
        &["respond", inc, "--policy", path.to_str().unwrap(), "--now", now],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("no playbook of policy `aiir built-in policy` applies to category `rogue_agent`"),
        "{err}"
    );
    // A broken incident: exit 1 with the problem on stderr; a missing file: exit 2.
    let (code, out, err) = aiir(&["respond", "-", "--now", now], Some("{}"));
    assert_eq!(code, 1, "{out}");
    assert!(out.is_empty() && err.contains("-: invalid incident document"), "{err}");
    let (code, _, err) = aiir(&["metrics", "no-such-file.json"], None);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn lint_exits_1_with_findings() {
    let (code, out, err) = aiir(&["lint", "data/builtin-policy.json", "--today", "2026-12-01"], None);
    assert_eq!(code, 0, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]));
    aiir::schema::SchemaDocument::LintReport.check_value(&report).unwrap();
    // Two years on, review and exercise are overdue.
    let (code, out, _) = aiir(
        &["lint", "-", "--today", "2028-12-01", "--format", "text"],
        Some(aiir::policy::BUILTIN_POLICY_JSON),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("policy `aiir built-in policy` on 2028-12-01: 2 findings"),
        "{out}"
    );
    assert!(
        out.contains("warning: /last_reviewed: the policy is overdue for review every P1Y"),
        "{out}"
    );
    let (code, _, _) = aiir(&["lint", "-"], Some("{}"));
    assert_eq!(code, 1);
}

#[test]
fn triage_in_every_format_with_an_inventory() {
    let inc = "examples/incidents/support-bot-offensive-output-at-triage.json";
    let now = "2026-03-14T09:30:00Z";
    let (code, out, err) = aiir(
        &[
            "triage",
            inc,
            "--now",
            now,
            "--inventory",
            "examples/inventory/acme-aibom.json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::Triage.check_value(&v).unwrap();
    assert_eq!(v["category"]["id"], "harmful_output");
    assert_eq!(v["response"]["playbook"], "harmful-output-severe");
    assert_eq!(
        v["affected_systems"][0]["rollback_to"], "support-system-prompt@3.0.4",
        "{out}"
    );
    // The document it printed validates as a triage.
    let (code, vout, verr) = aiir(&["validate", "triage", "-"], Some(&out));
    assert_eq!(code, 0, "{vout}{verr}");
    let (code, text, _) = aiir(
        &["triage", "-", "--now", now, "--format", "text"],
        Some(&std::fs::read_to_string(root(inc)).unwrap()),
    );
    assert_eq!(code, 0);
    assert!(text.starts_with("INC-2026-0042 "), "{text}");
    assert!(text.contains("next: preserve-logs"), "{text}");
    let (code, md, _) = aiir(&["triage", inc, "--now", now, "--format", "markdown"], None);
    assert_eq!(code, 0);
    assert!(md.starts_with("# Triage of INC-2026-0042"), "{md}");
    // An invalid incident: exit 1, the problem on stderr; a bad inventory names its file.
    let (code, out, err) = aiir(&["triage", "-"], Some("{}"));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("-: invalid incident document"), "{err}");
    let (code, _, err) = aiir(&["triage", inc, "--inventory", "-"], Some("[]"));
    assert_eq!(code, 1);
    assert!(err.starts_with("-: "), "{err}");
}

#[test]
fn replay_exits_1_when_a_policy_change_changes_incidents() {
    let dir = std::env::temp_dir().join(format!("aiir-cli-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut policy: serde_json::Value = serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap();
    let floors = policy["severity"]["floors"].as_array_mut().unwrap();
    floors.retain(|f| f["category"] != "harmful_output");
    floors.push(serde_json::json!({"category": "harmful_output", "at_least": "critical"}));
    let path = dir.join("stricter.json");
    std::fs::write(&path, policy.to_string()).unwrap();
    let incidents = [
        "examples/incidents/support-bot-offensive-output.json",
        "examples/incidents/agent-unauthorized-refunds.json",
    ];
    let now = "2026-03-20T00:00:00Z";
    let mut args = vec!["replay", "--new", path.to_str().unwrap(), "--now", now];
    args.extend(incidents);
    let (code, out, err) = aiir(&args, None);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    aiir::schema::SchemaDocument::ReplayReport.check_value(&v).unwrap();
    assert_eq!((v["replayed"].as_u64(), v["changed"].as_u64()), (Some(2), Some(1)));
    assert_eq!(v["incidents"][0]["index"], 0);
    assert_eq!(v["incidents"][0]["changes"][0]["kind"], "severity");
    assert_eq!(v["incidents"][0]["changes"][0]["new"], "critical");
    // The same policy on both sides: nothing changes, exit 0.
    let (code, out, _) = aiir(
        &[
            "replay",
            "--old",
            "data/builtin-policy.json",
            "--new",
            "data/builtin-policy.json",
            "--format",
            "text",
            incidents[1],
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(": 0 changed, 0 refused by both"), "{out}");
    // An incident neither policy can triage: listed as refused, exit 1.
    let mut unknown: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root(incidents[1])).unwrap()).unwrap();
    unknown["category"] = "not_defined_anywhere".into();
    let (code, out, err) = aiir(
        &["replay", "--new", path.to_str().unwrap(), "--now", now, "-"],
        Some(&unknown.to_string()),
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["changed"].as_u64(), v["refused"].as_array().map(Vec::len)),
        (Some(0), Some(1))
    );
}

#[test]
fn policy_builtin_prints_the_builtin_policy() {
    let (code, out, _) = aiir(&["policy", "builtin"], None);
    assert_eq!(code, 0);
    assert_eq!(aiir::Policy::from_json(&out).unwrap(), *aiir::Policy::builtin());
    let (code, _, err) = aiir(&["validate", "policy", "-"], Some(&out));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn validate_checks_outputs_against_their_schema() {
    let (code, out, _) = aiir(&["validate", "lint-report", "-"], Some(r#"{"policy": 1}"#));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["valid"], false);
    assert!(!v[0]["problems"].as_array().unwrap().is_empty());
    let (code, out, _) = aiir(&["validate", "triage", "-", "--format", "text"], Some("not json"));
    assert_eq!(code, 1);
    assert!(out.starts_with("-: invalid triage document: 1 problem"), "{out}");
}

#[test]
fn help_describes_every_subcommand_and_the_conventions() {
    let (code, out, _) = aiir(&["--help"], None);
    assert_eq!(code, 0);
    for sub in [
        "triage",
        "replay",
        "policy",
        "assess",
        "validate",
        "schema",
        "prioritize",
        "affected",
        "rollback",
        "import",
        "obligations",
        "respond",
        "communications",
        "metrics",
        "record",
        "report",
        "escalation",
        "lint",
        "audit",
        "export",
    ] {
        assert!(out.contains(&format!("\n  {sub} ")), "--help lacks `{sub}`:\n{out}");
    }
    for convention in ["`-` reads standard input", "exit status 0", "standard error"] {
        assert!(out.contains(convention), "--help lacks {convention}:\n{out}");
    }
    // A closed pipe ends quietly with status 0.
    let mut child = Command::new(env!("CARGO_BIN_EXE_aiir"))
        .args(["policy", "builtin"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait_with_output().unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn an_invalid_policy_option_exits_1_and_stdin_is_read_once() {
    let (code, out, err) = aiir(
        &[
            "triage",
            "examples/incidents/agent-unauthorized-refunds.json",
            "--policy",
            "-",
        ],
        Some(r#"{"schema_version": "1.0.0"}"#),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty() && err.starts_with("-: invalid policy document"), "{err}");
    let (code, _, err) = aiir(&["metrics", "-", "-"], Some("{}"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("given twice"), "{err}");
}

#[test]
fn export_stix_and_ocsf_and_import_the_bundle_back() {
    let inc = "examples/incidents/agent-unauthorized-refunds.json";
    let now = "2026-05-03T00:00:00Z";
    let (code, bundle, err) = aiir(&["export", "stix", inc, "--now", now], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    assert_eq!(v["type"], "bundle");
    let (code, back, err) = aiir(&["import", "stix", "-"], Some(&bundle));
    assert_eq!(code, 0, "{err}");
    let original = aiir::Incident::from_json(&std::fs::read_to_string(root(inc)).unwrap()).unwrap();
    assert_eq!(aiir::Incident::from_json(&back).unwrap(), original);
    let (code, finding, err) = aiir(&["export", "ocsf", inc, "--now", now], None);
    assert_eq!(code, 0, "{err}");
    let f: serde_json::Value = serde_json::from_str(&finding).unwrap();
    assert_eq!(f["class_uid"], 2005);
    let (code, md, err) = aiir(&["export", "report", inc, "--now", now], None);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with("# Post-incident report: INC-"), "{md}");
    // Not a bundle: exit 1 with the problem on stderr.
    let (code, out, err) = aiir(&["import", "stix", "-"], Some("{}"));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("-: invalid stix document"), "{err}");
}

#[test]
fn import_avid_reports_prints_a_register_and_says_what_it_refused() {
    let (code, out, err) = aiir(
        &[
            "import",
            "avid",
            "tests/fixtures/avid/AVID-2026-R1342.json",
            "tests/fixtures/avid/AVID-2022-R0001.json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let register = aiir::threat::ThreatRegister::from_json(&out).unwrap();
    assert_eq!(register.threats.len(), 2);
    assert!(
        err.contains("note: tests/fixtures/avid/AVID-2026-R1342.json: /impact/cvss/baseScore"),
        "{err}"
    );
    let (code, _, err) = aiir(&["import", "avid", "tests/fixtures/avid/AVID-2023-R0004.json"], None);
    assert_eq!(code, 1);
    assert!(
        err.contains("refused: tests/fixtures/avid/AVID-2023-R0004.json: /metadata/report_id"),
        "{err}"
    );
}

#[test]
fn export_and_import_ssvc_selection_lists() {
    let (code, out, err) = aiir(
        &[
            "export",
            "ssvc",
            "examples/threats/ai-threats.json",
            "--now",
            "2026-03-14T10:00:00Z",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let lists: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let cisa = lists
        .iter()
        .find(|l| l["selections"].as_array().unwrap().iter().any(|s| s["key"] == "MWI"))
        .unwrap();
    let (code, out, err) = aiir(&["import", "ssvc", "-"], Some(&cisa.to_string()));
    assert_eq!(code, 0, "{err}");
    let register = aiir::threat::ThreatRegister::from_json(&out).unwrap();
    assert_eq!(register.threats.len(), 1);
    assert_eq!(register.threats[0].assessments.ssvc[0].table, aiir::threat::SSVC_CISA);
    let (code, _, err) = aiir(&["import", "ssvc", "-", "--lenient"], Some("{}"));
    assert_eq!(code, 2, "{err}");
    // The exported array reads back as an array; lists for another table than the one
    // named are refused, with the register's own problems.
    let only_cisa = serde_json::Value::Array(vec![cisa.clone()]).to_string();
    let (code, out, err) = aiir(&["import", "ssvc", "-"], Some(&only_cisa));
    assert_eq!(code, 0, "{err}");
    assert_eq!(aiir::threat::ThreatRegister::from_json(&out).unwrap().threats.len(), 1);
    let everything = serde_json::Value::Array(lists.clone()).to_string();
    let (code, out, err) = aiir(&["import", "ssvc", "-"], Some(&everything));
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    // Without target ids, the threat is named after the file; a duplicate target is refused.
    let mut untargeted = cisa.clone();
    untargeted.as_object_mut().unwrap().remove("target_ids");
    let (code, out, err) = aiir(&["import", "ssvc", "-"], Some(&untargeted.to_string()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"selection-list\""), "{out}");
    let mut twice = cisa.clone();
    twice["target_ids"] = serde_json::json!(["T-1", "T-1"]);
    let (code, _, err) = aiir(&["import", "ssvc", "-"], Some(&twice.to_string()));
    assert_eq!(code, 1);
    assert!(err.contains("/target_ids/1: expected each target id once"), "{err}");
}

#[test]
fn export_and_import_cacao_playbooks() {
    let (code, policy, _) = aiir(&["policy", "builtin"], None);
    assert_eq!(code, 0);
    let (code, out, err) = aiir(&["export", "cacao", "-"], Some(&policy));
    assert_eq!(code, 0, "{err}");
    let exported: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(exported.len(), 16);
    assert!(exported.iter().all(|p| p["spec_version"] == "cacao-2.0"));
    // The array reads back as the policy's playbooks, with nothing to note.
    let (code, back, err) = aiir(&["import", "cacao", "-"], Some(&out));
    assert_eq!((code, err.as_str()), (0, ""));
    let back: Vec<aiir::response::Playbook> = serde_json::from_str(&back).unwrap();
    assert_eq!(back, aiir::Policy::builtin().response.as_ref().unwrap().playbooks);
    // One playbook reads back as one.
    let (code, one, _) = aiir(&["import", "cacao", "-"], Some(&exported[3].to_string()));
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<aiir::response::Playbook>(&one).unwrap(), back[3]);
    // Another tool's playbook: notes on standard error.
    let (code, _, err) = aiir(
        &["import", "cacao", "tests/fixtures/cacao/foreign-model-rollback.json"],
        None,
    );
    assert_eq!(code, 0);
    assert!(err.contains("note: /workflow/action--6f708192"), "{err}");
    // Bad input: exit 1 with pointers; usage errors exit 2.
    let (code, out, err) = aiir(&["import", "cacao", "-"], Some(r#"[{"type": "playbook"}]"#));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("/0/spec_version: expected `cacao-2.0`"), "{err}");
    let (code, _, _) = aiir(&["import", "cacao", "-", "--lenient"], None);
    assert_eq!(code, 2);
    let (code, _, _) = aiir(&["export", "cacao", "-", "--policy", "x.json"], None);
    assert_eq!(code, 2);
    let (code, _, err) = aiir(&["export", "cacao", "-"], Some("{}"));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn import_ocsf_detection_findings() {
    let (code, out, err) = aiir(
        &[
            "import",
            "ocsf",
            "tests/fixtures/ocsf/llm-firewall-prompt-injection.json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("category prompt_injection: the finding names MITRE ATLAS"),
        "{err}"
    );
    let incident = aiir::Incident::from_json(&out).unwrap();
    assert_eq!(incident.category.as_str(), "prompt_injection");
    // ATT&CK only: refused until the host maps the type.
    let file = "tests/fixtures/ocsf/cloud-credential-exfiltration.json";
    let (code, out, err) = aiir(&["import", "ocsf", file], None);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("/finding_info/attacks: expected a MITRE ATLAS technique"),
        "{err}"
    );
    let (code, out, err) = aiir(
        &[
            "import",
            "ocsf",
            file,
            "--map",
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS=unauthorized_access",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: severity_id 6 (Fatal)"), "{err}");
    assert_eq!(
        aiir::Incident::from_json(&out).unwrap().category.as_str(),
        "unauthorized_access"
    );
    let (code, out, _) = aiir(&["import", "ocsf", file, "--category", "data_leakage"], None);
    assert_eq!(code, 0);
    assert!(out.contains("\"category\": \"data_leakage\""));
    // Usage errors.
    for args in [
        &["import", "ocsf", file, "--map", "no-equals-sign"][..],
        &["import", "ocsf", file, "--category", "Not A Category"],
        &["import", "ocsf", file, "--category", "no_such_category"],
        &["import", "ocsf", file, "--map", "X=no_such_category"],
        &["import", "stix", file, "--category", "data_leakage"],
        &["import", "ocsf", file, "--lenient"],
    ] {
        let (code, _, err) = aiir(args, None);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
}
