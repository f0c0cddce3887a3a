//! `aiir`: a thin JSON-in/JSON-out command-line wrapper over the `aiir` library.
//!
//! Exit codes: 0 success (all documents valid), 1 a document is invalid, 2 usage or I/O error.

use std::io::Read;
use std::process::ExitCode;

use aiir::{Inventory, Method, Policy, Prioritizer, SchemaDocument, ValidationReport};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "aiir",
    version,
    about = "AI incident response: validate incident and policy documents, print schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn schema_document(s: &str) -> Result<SchemaDocument, String> {
    s.parse().map_err(|e: aiir::Error| e.to_string())
}

#[derive(Clone, Copy, ValueEnum)]
enum InputDoc {
    Incident,
    Policy,
    ThreatRegister,
    Inventory,
}

#[derive(Clone, Copy, ValueEnum)]
enum MethodArg {
    /// SSVC, CISA Coordinator table.
    Ssvc,
    /// SSVC, Deployer table.
    SsvcDeployer,
    /// CVSS v3.x / v4.0 score.
    Cvss,
    /// OWASP Risk Rating.
    Owasp,
    /// NIST SP 800-30 Table I-2.
    Nist,
}

#[derive(Subcommand)]
enum Command {
    /// Print the JSON schema (draft 2020-12) of a document type.
    Schema {
        /// The document type: incident, policy, validation-report, severity-policy,
        /// assessment, threat-register, ranking, mitigation-plan, inventory, affected,
        /// audit-report, escalation-policy or escalation-plan.
        #[arg(value_parser = schema_document)]
        doc: SchemaDocument,
    },
    /// Validate documents; lists every problem with its JSON pointer.
    Validate {
        /// The document type.
        doc: InputDoc,
        /// Files to validate; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Validate incidents against this policy's taxonomy instead of the built-in one.
        #[arg(long)]
        policy: Option<String>,
    },
    /// Assess an incident's severity, urgency, priority and SLA, with the rationale.
    Assess {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy to assess with (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// Output format: the assessment as JSON, or the rationale as text.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Rank the threats of a register with an industry-recognized method.
    Prioritize {
        /// The threat register file; `-` reads standard input.
        register: String,
        /// The method.
        #[arg(long, value_enum, default_value = "ssvc")]
        method: MethodArg,
        /// Only the K most urgent threats.
        #[arg(long)]
        top: Option<usize>,
        /// Raise a threat one outcome when its EPSS probability is at least this.
        #[arg(long)]
        epss_raise_at: Option<f64>,
        /// Also print the mitigation plan (risk reduction per cost).
        #[arg(long)]
        plan: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Everything affected when versions of an asset are compromised (AIBOM blast radius).
    Affected {
        /// The inventory file (or a CycloneDX 1.6 BOM with `--cyclonedx`); `-` reads standard input.
        inventory: String,
        /// The compromised asset's name.
        #[arg(long)]
        asset: String,
        /// The compromised versions, as a semver requirement, e.g. `>=2.5.0, <2.5.2`.
        #[arg(long)]
        versions: String,
        /// Read the file as a CycloneDX 1.6 JSON BOM.
        #[arg(long)]
        cyclonedx: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// The newest known-good version outside the compromised range.
    Rollback {
        /// The inventory file; `-` reads standard input.
        inventory: String,
        /// The compromised asset's name.
        #[arg(long)]
        asset: String,
        /// The compromised versions, as a semver requirement.
        #[arg(long)]
        versions: String,
    },
    /// Escalation graphs: validate, simulate (who is paged when), export.
    #[command(subcommand)]
    Escalation(EscalationCommand),
    /// Audit a policy against the auditing guidelines of AICM SEF-07 and TVM-10, with AI-CAIQ answers.
    Audit {
        /// The policy file; `-` reads standard input.
        policy: String,
        /// The audit date (reviews, exercises and training are checked against it); default today (UTC).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Output format: JSON or a Markdown report.
        #[arg(long, value_enum, default_value = "json")]
        format: AuditFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    Json,
    Markdown,
}

#[derive(Subcommand)]
enum EscalationCommand {
    /// Validate an escalation policy (exit 1 listing every problem).
    Validate {
        /// The policy file; `-` reads standard input.
        file: String,
    },
    /// Who is paged when, until acknowledgement or the end of the chain.
    Simulate {
        /// The policy file.
        file: String,
        /// The incident's category.
        #[arg(long)]
        category: String,
        /// The incident's severity.
        #[arg(long)]
        severity: String,
        /// When escalation starts (RFC 3339).
        #[arg(long)]
        start: chrono::DateTime<chrono::Utc>,
        /// Affected layers (`model`, `application`, …); repeatable.
        #[arg(long)]
        layer: Vec<String>,
        /// An acknowledgement, `RESPONDER@RFC3339`; repeatable.
        #[arg(long)]
        ack: Vec<String>,
    },
    /// Exact windows in which an incident would page nobody (exit 1 when there are any).
    Coverage {
        /// The policy file.
        file: String,
        /// Start of the analysed span (RFC 3339).
        #[arg(long)]
        from: chrono::DateTime<chrono::Utc>,
        /// Length of the span in days.
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Graphviz DOT (or Mermaid with `--mermaid`).
    Dot {
        /// The policy file.
        file: String,
        /// Mermaid instead of DOT.
        #[arg(long)]
        mermaid: bool,
    },
}

fn escalation(cmd: EscalationCommand) -> Result<ExitCode, String> {
    let load = |file: &str| -> Result<Result<aiir::EscalationGraph, String>, String> {
        Ok(aiir::validate_escalation(&read(file)?).map_err(|r| format!("{file}: {r}")))
    };
    match cmd {
        EscalationCommand::Validate { file } => match load(&file)? {
            Ok(g) => {
                println!("{file}: valid ({} steps)", g.len());
                Ok(ExitCode::SUCCESS)
            }
            Err(m) => {
                println!("{m}");
                Ok(ExitCode::from(1))
            }
        },
        EscalationCommand::Simulate {
            file,
            category,
            severity,
            start,
            layer,
            ack,
        } => {
            let graph = match load(&file)? {
                Ok(g) => g,
                Err(m) => {
                    println!("{m}");
                    return Ok(ExitCode::from(1));
                }
            };
            let category: aiir::CategoryId = category.parse().map_err(|e: aiir::Error| e.to_string())?;
            let severity: aiir::Severity = severity.parse().map_err(|e: aiir::Error| e.to_string())?;
            let mut facts = aiir::IncidentFacts::new(category, severity);
            for l in &layer {
                facts.layers.push(serde_json::from_value(serde_json::Value::String(l.clone())).map_err(|_| format!("invalid `--layer` `{l}`: expected processing_infrastructure, model, orchestrated_services or application"))?);
            }
            let mut acks = Vec::new();
            for a in &ack {
                let (who, when) = a
                    .rsplit_once('@')
                    .ok_or_else(|| format!("invalid `--ack` `{a}`: expected RESPONDER@RFC3339"))?;
                let who: aiir::ResponderId = who.parse().map_err(|e: aiir::Error| e.to_string())?;
                let when: chrono::DateTime<chrono::Utc> = when
                    .parse()
                    .map_err(|e| format!("invalid `--ack` time `{when}`: {e}"))?;
                acks.push(aiir::Ack::new(who, when));
            }
            let plan = graph.simulate(&facts, start, &acks);
            println!("{}", serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        EscalationCommand::Coverage { file, from, days } => match load(&file)? {
            Ok(g) => {
                let gaps = g.coverage(from, days);
                println!("{}", serde_json::to_string_pretty(&gaps).map_err(|e| e.to_string())?);
                Ok(if gaps.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            }
            Err(m) => {
                println!("{m}");
                Ok(ExitCode::from(1))
            }
        },
        EscalationCommand::Dot { file, mermaid } => match load(&file)? {
            Ok(g) => {
                print!("{}", if mermaid { g.to_mermaid() } else { g.to_dot() });
                Ok(ExitCode::SUCCESS)
            }
            Err(m) => {
                println!("{m}");
                Ok(ExitCode::from(1))
            }
        },
    }
}

fn load_inventory(path: &str, cyclonedx: bool) -> Result<Result<Inventory, String>, String> {
    let text = read(path)?;
    Ok(if cyclonedx {
        Inventory::from_cyclonedx(&text).map_err(|e| format!("{path}: {e}"))
    } else {
        aiir::validate_inventory(&text).map_err(|r| format!("{path}: {r}"))
    })
}

fn version_req(text: &str) -> Result<semver::VersionReq, String> {
    semver::VersionReq::parse(text).map_err(|e| {
        format!("invalid `--versions` `{text}`: {e} (expected a semver requirement such as `>=2.5.0, <2.5.2`)")
    })
}

fn load_policy(path: Option<&str>) -> Result<Policy, String> {
    match path {
        Some(path) => Policy::from_json(&read(path)?).map_err(|e| format!("policy `{path}`: {e}")),
        None => Ok(Policy::builtin().clone()),
    }
}

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("aiir: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Schema { doc } => {
            print!("{}", doc.schema_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            doc,
            files,
            format,
            policy,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let mut results: Vec<(String, Option<ValidationReport>)> = Vec::new();
            for file in files {
                let text = read(&file)?;
                let report = match doc {
                    InputDoc::Incident => aiir::validate_incident_with(&text, &policy).err(),
                    InputDoc::Policy => aiir::validate_policy(&text).err(),
                    InputDoc::ThreatRegister => aiir::validate_threat_register(&text).err(),
                    InputDoc::Inventory => aiir::validate_inventory(&text).err(),
                };
                results.push((file, report));
            }
            let invalid = results.iter().any(|(_, r)| r.is_some());
            match format {
                Format::Text => {
                    for (file, report) in &results {
                        match report {
                            None => println!("{file}: valid"),
                            Some(r) => println!("{file}: {r}"),
                        }
                    }
                }
                Format::Json => {
                    let out: Vec<serde_json::Value> = results
                        .iter()
                        .map(|(file, report)| {
                            serde_json::json!({
                                "file": file,
                                "valid": report.is_none(),
                                "problems": report.as_ref().map(|r| r.problems.clone()).unwrap_or_default(),
                            })
                        })
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
                }
            }
            Ok(if invalid { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Assess {
            incident,
            policy,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let model = policy.severity_model().map_err(|e| e.to_string())?;
            let incident = match aiir::validate_incident_with(&read(&incident)?, &policy) {
                Ok(i) => i,
                Err(report) => {
                    println!("{incident}: {report}");
                    return Ok(ExitCode::from(1));
                }
            };
            let assessment = model.assess(&incident);
            match format {
                Format::Json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&assessment).map_err(|e| e.to_string())?
                    );
                }
                Format::Text => print!("{assessment}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Affected {
            inventory,
            asset,
            versions,
            cyclonedx,
            format,
        } => {
            let req = version_req(&versions)?;
            let inventory = match load_inventory(&inventory, cyclonedx)? {
                Ok(i) => i,
                Err(message) => {
                    println!("{message}");
                    return Ok(ExitCode::from(1));
                }
            };
            let graph = match inventory.graph() {
                Ok(g) => g,
                Err(e) => {
                    println!("{e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let affected = graph.affected(&asset, &req);
            let report = affected.report();
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?),
                Format::Text => {
                    for e in &report.affected {
                        let path: Vec<&str> = e.path.iter().map(|a| a.as_str()).collect();
                        let owner = e.owner.as_ref().map_or("-", |o| o.name.as_str());
                        let deployed = if e.deployed.is_empty() {
                            "-".to_owned()
                        } else {
                            e.deployed.join(",")
                        };
                        println!(
                            "{:<40} deployed {:<20} owner {:<12} via {}",
                            e.asset.as_str(),
                            deployed,
                            owner,
                            path.join(" → ")
                        );
                    }
                    println!("{} affected", report.affected.len());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rollback {
            inventory,
            asset,
            versions,
        } => {
            let req = version_req(&versions)?;
            let inventory = match load_inventory(&inventory, false)? {
                Ok(i) => i,
                Err(message) => {
                    println!("{message}");
                    return Ok(ExitCode::from(1));
                }
            };
            let graph = inventory.graph().map_err(|e| e.to_string())?;
            match graph.rollback_target(&asset, &req) {
                Ok(target) => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&serde_json::json!({
                            "asset": asset,
                            "compromised": versions,
                            "rollback_to": target.id,
                            "version": target.version,
                        }))
                        .map_err(|e| e.to_string())?
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("{e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Escalation(cmd) => escalation(cmd),
        Command::Audit { policy, today, format } => {
            let policy = match Policy::from_json(&read(&policy)?) {
                Ok(p) => p,
                Err(e) => {
                    println!("{policy}: {e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let report = aiir::audit(&policy, today);
            match format {
                AuditFormat::Json => println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?),
                AuditFormat::Markdown => print!("{}", report.to_markdown()),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Prioritize {
            register,
            method,
            top,
            epss_raise_at,
            plan,
            format,
        } => {
            let register = match aiir::validate_threat_register(&read(&register)?) {
                Ok(r) => r,
                Err(report) => {
                    println!("{register}: {report}");
                    return Ok(ExitCode::from(1));
                }
            };
            let method = match method {
                MethodArg::Ssvc => Method::ssvc_cisa(),
                MethodArg::SsvcDeployer => Method::ssvc_deployer(),
                MethodArg::Cvss => Method::Cvss,
                MethodArg::Owasp => Method::Owasp,
                MethodArg::Nist => Method::Nist,
            };
            let mut options = aiir::Options::default();
            options.epss_raise_at = epss_raise_at;
            let prioritizer = Prioritizer::new().with_options(options);
            let ranking = match top {
                Some(k) => prioritizer.top_k(&register, &method, k),
                None => prioritizer.prioritize(&register, &method),
            };
            let report = ranking.report();
            let mitigation_plan = plan.then(|| prioritizer.plan_mitigations(&register, &method));
            match format {
                Format::Json => {
                    let out = match &mitigation_plan {
                        Some(p) => serde_json::json!({"ranking": report, "plan": p}),
                        None => serde_json::to_value(&report).map_err(|e| e.to_string())?,
                    };
                    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
                }
                Format::Text => {
                    println!("{}", report.method);
                    for e in &report.entries {
                        println!("{:>4}. {:<10} {:<12} {}", e.rank, e.threat, e.outcome, e.rationale);
                    }
                    if !report.unassessed.is_empty() {
                        let ids: Vec<&str> = report.unassessed.iter().map(|t| t.as_str()).collect();
                        println!("not assessed with this method: {}", ids.join(", "));
                    }
                    if let Some(p) = &mitigation_plan {
                        println!("\nmitigation plan (initial risk {:.2}):", p.initial_risk);
                        for (i, step) in p.steps.iter().enumerate() {
                            println!(
                                "{:>4}. {:<10} cost {:<8} removes {:.2} ({:.3}/cost), residual {:.2}",
                                i + 1,
                                step.mitigation,
                                step.cost,
                                step.risk_reduction,
                                step.reduction_per_cost,
                                step.residual_risk
                            );
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
