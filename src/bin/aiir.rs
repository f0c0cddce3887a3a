//! `aiir`: a thin JSON-in/JSON-out command-line wrapper over the `aiir` library.
//!
//! One surface for every subcommand: a file argument of `-` reads standard input;
//! `--format` takes `json` (the default), `text` and, where a brief exists, `markdown`;
//! the result goes to standard output, problems with an input document and errors to
//! standard error. Exit codes: 0 success, 1 an input is invalid or the result has
//! findings (lint, validate, replay changes, coverage gaps, no rollback target), 2 usage
//! or I/O error. A closed pipe (`aiir … | head`) ends the command quietly with status 0,
//! as `head` wanted no more.
#![warn(clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use aiir::escalation::{Ack, EscalationGraph, EscalationPolicy, IncidentFacts};
use aiir::inventory::{BomFormat, Import, ImportOptions, Inventory};
use aiir::schema::SchemaDocument;
use aiir::threat::{Method, Options, Prioritizer, ThreatRegister};
use aiir::{CompiledPolicy, Document, Error, Layer, Policy, ValidationReport};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "aiir",
    version,
    about = "AI incident response: triage incidents (category, severity, owners, playbook, pages, reports owed, SLA clocks), validate documents, plan and track the response, compute regulatory obligations, record timeline events, rank threats, query the AIBOM, simulate escalation",
    long_about = "AI incident response as a command-line tool over the `aiir` library.\n\n\
Start with `aiir triage <incident>`: what kind of AI incident this is, how bad, who owns \
which part, who is paged when, what to do by when and what must be reported by when, \
each with its reason. The other subcommands answer one of those questions each, \
validate and lint documents, or work with the AIBOM and threat register.\n\n\
Conventions for every subcommand:\n\
  - a file argument of `-` reads standard input;\n\
  - `--format json` (the default) prints the result as JSON (the library's documents follow \
their published schema, `aiir schema <doc>`); `--format text` prints a few lines for people; \
`--format markdown` the full brief where there is one;\n\
  - `--policy P` replaces the built-in policy (`aiir policy builtin` prints it); `--now T` \
(RFC 3339) fixes the time statuses and clocks are computed at;\n\
  - results go to standard output; problems with an input document and errors go to \
standard error, one line per problem with its JSON pointer;\n\
  - exit status 0 on success, 1 when an input is invalid or the result has findings \
(lint findings, invalid documents, replay changes or refusals, coverage gaps, no rollback \
target), \
2 on a usage or I/O error."
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
    s.parse().map_err(|e: Error| e.to_string())
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
        /// audit-report, escalation-policy, escalation-plan, obligations, art73-report,
        /// response-plan, communications, response-metrics, lint-report, triage or
        /// replay-report.
        #[arg(value_parser = schema_document)]
        doc: SchemaDocument,
    },
    /// Validate documents of any kind `aiir schema` knows; lists every problem with its
    /// JSON pointer (exit 1 when any is invalid).
    ///
    /// Input documents (incident, policy, threat-register, inventory, escalation-policy)
    /// get every check the library makes; outputs (triage, response-plan, …) are checked
    /// against their schema.
    Validate {
        /// The document type, as for `aiir schema`.
        #[arg(value_parser = schema_document)]
        doc: SchemaDocument,
        /// Files to validate; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format: JSON (one entry per file), or one line per file.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Check incidents' categories against this policy instead of the built-in one.
        #[arg(long)]
        policy: Option<String>,
    },
    /// Triage an incident: category with its ATLAS / OWASP / AVID mappings, severity and
    /// priority with the rationale, owners per affected layer, the playbook with due times
    /// and next actions, who is paged when, the reports owed with deadlines, the SLA
    /// clocks; with `--inventory`, the systems running a compromised version range and
    /// the rollback target.
    Triage {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// An AIBOM: an inventory document, or a CycloneDX or SPDX BOM (detected).
        #[arg(long)]
        inventory: Option<String>,
        /// The time the triage is computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Output format: JSON, the full brief in Markdown, or the few lines a responder
        /// reads first.
        #[arg(long, value_enum, default_value = "json")]
        format: BriefFormat,
    },
    /// Re-triage past incidents under an old and a new policy and list, per incident,
    /// what changes (severity, priority, SLA, owners, playbook and steps, pages, reports,
    /// deadlines). Exit 1 when anything changes or both policies refuse an incident (the
    /// report on stdout) or an incident file is invalid (its problems on stderr), so a
    /// pipeline can require a review.
    Replay {
        /// The current policy (default: the built-in policy).
        #[arg(long)]
        old: Option<String>,
        /// The changed policy.
        #[arg(long)]
        new: String,
        /// Incident files (`-` reads one from standard input).
        #[arg(required = true)]
        incidents: Vec<String>,
        /// The time both triages are computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Policies: print the built-in one.
    #[command(subcommand)]
    Policy(PolicyCommand),
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
        #[command(flatten)]
        input: InventoryInput,
        /// The compromised asset's name, or its package URL without version
        /// (`pkg:npm/lodash`).
        #[arg(long)]
        asset: String,
        /// The compromised versions, as a semver requirement, e.g. `>=2.5.0, <2.5.2`.
        #[arg(long)]
        versions: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// The newest known-good version outside the compromised range.
    Rollback {
        #[command(flatten)]
        input: InventoryInput,
        /// The compromised asset's name, or its package URL without version.
        #[arg(long)]
        asset: String,
        /// The compromised versions, as a semver requirement.
        #[arg(long)]
        versions: String,
    },
    /// Import documents from other tools and print ours: a CycloneDX or SPDX BOM as an
    /// inventory, a STIX 2.1 bundle as an incident, AVID reports as a threat register
    /// (notes on standard error; exit 1 when a report cannot be imported), SSVC
    /// SelectionLists as a threat register, a CACAO 2.0 playbook as a playbook checked
    /// against the policy, an OCSF Detection Finding as a new incident (what the mapping
    /// decided on standard error).
    Import {
        /// The document's format.
        #[arg(value_enum)]
        format: ImportArg,
        /// The file; `-` reads standard input.
        file: String,
        /// More AVID reports.
        more: Vec<String>,
        /// Skip a BOM's bad entries (listed on standard error) instead of refusing it.
        #[arg(long)]
        lenient: bool,
        /// The policy a STIX or OCSF incident's category, or a CACAO playbook's owners,
        /// must come from (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The decision table SSVC selections are for (`namespace:key:version`).
        #[arg(long)]
        table: Option<String>,
        /// The category of an OCSF detection finding, whatever it says.
        #[arg(long)]
        category: Option<String>,
        /// An OCSF finding type (or analytic name) and its category, `TYPE=CATEGORY`;
        /// repeatable.
        #[arg(long = "map", value_name = "TYPE=CATEGORY")]
        map: Vec<String>,
    },
    /// Export an incident, triaged, for another tool or for people: a STIX 2.1 bundle
    /// (Incident Core extension, events, tasks, ATLAS attack-patterns), an OCSF 1.5
    /// Incident Finding, or the post-incident report in Markdown; or a threat register's
    /// SSVC assessments as CERT/CC SelectionLists (a JSON array); or a policy's playbooks
    /// as CACAO 2.0 playbooks (a JSON array; `aiir policy builtin | aiir export cacao -`).
    Export {
        /// The format.
        #[arg(value_enum)]
        format: ExportArg,
        /// The incident file (the threat register for `ssvc`, the policy for `cacao`); `-`
        /// reads standard input.
        incident: String,
        /// The policy (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The time the triage is computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Regulatory reports an incident owes, with deadlines and status (decision support,
    /// not legal advice).
    Obligations {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy whose regulatory profile applies (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The time statuses are computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// The regimes the organisation is subject to, e.g. `gdpr-art33,dora`; overrides
        /// the policy's profile.
        #[arg(long, value_delimiter = ',')]
        regimes: Option<Vec<String>>,
        /// A JSON array of `YYYY-MM-DD` dates added to every business-day calendar.
        #[arg(long)]
        holidays: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// The response plan for an incident: the playbook chosen and why, its steps (each
    /// with `owner` and `due`), the next actions and the SLA clocks.
    Respond {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The time the plan is computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// An AIBOM inventory: rollback steps get the newest known-good version.
        #[arg(long)]
        inventory: Option<String>,
        /// Output format: JSON, Markdown for people, or a few lines of text.
        #[arg(long, value_enum, default_value = "json")]
        format: BriefFormat,
    },
    /// Stakeholder updates an incident owes (due, overdue, sent), with rendered drafts.
    Communications {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The time statuses are computed at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Response metrics over incidents: MTTA, MTTC, MTTR, SLA compliance, counts.
    Metrics {
        /// Incident files (`-` reads one from standard input).
        #[arg(required = true)]
        incidents: Vec<String>,
        /// The policy (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// The time running SLA clocks are read at (RFC 3339); default now.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Append one timeline event to an incident (checking the lifecycle) and print the
    /// updated incident.
    Record {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// When the event happened (RFC 3339).
        #[arg(long)]
        at: chrono::DateTime<chrono::Utc>,
        /// Who recorded it (a responder id).
        #[arg(long)]
        by: String,
        /// The event, as a JSON object like the schema's `event`, e.g.
        /// `{"kind":"determined","what":"materiality"}`.
        #[arg(long)]
        event: String,
        /// Free-form details, a JSON object.
        #[arg(long)]
        details: Option<String>,
    },
    /// Reports pre-filled from an incident.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Escalation graphs: validate, simulate (who is paged when), export.
    #[command(subcommand)]
    Escalation(EscalationCommand),
    /// Lint a policy: cross-section gaps a valid policy can still have (a category with
    /// no playbook, escalation slower than an SLA, rules that never apply, unused
    /// definitions, overdue review). Exit 1 when there are findings.
    Lint {
        /// The policy file; `-` reads standard input.
        policy: String,
        /// The date reviews and exercises are checked against; default today (UTC).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
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

/// Output of a command with a brief for people.
#[derive(Clone, Copy, ValueEnum)]
enum BriefFormat {
    Json,
    Markdown,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    Json,
    Markdown,
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Print the built-in policy document (a starting point for your own).
    Builtin,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// The EU AI Act Art. 73 serious-incident report, with the fields still missing.
    Art73 {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// Output format: JSON or Markdown for people.
        #[arg(long, value_enum, default_value = "json")]
        format: AuditFormat,
    },
}

#[derive(Subcommand)]
enum EscalationCommand {
    /// Validate an escalation policy and build its graph (exit 1 listing every problem).
    Validate {
        /// The policy file; `-` reads standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Who is paged when, until acknowledgement or the end of the chain.
    Simulate {
        /// The policy file; `-` reads standard input.
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
        /// The policy file; `-` reads standard input.
        file: String,
        /// Start of the analysed span (RFC 3339).
        #[arg(long)]
        from: chrono::DateTime<chrono::Utc>,
        /// Length of the span in days (at most 366).
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Graphviz DOT (or Mermaid with `--mermaid`).
    Dot {
        /// The policy file; `-` reads standard input.
        file: String,
        /// Mermaid instead of DOT.
        #[arg(long)]
        mermaid: bool,
    },
}

/// Why a command stopped early.
enum Stop {
    /// A usage or I/O problem: message on stderr, exit 2.
    Usage(String),
    /// An invalid input document named by an option (a `--policy`): its problems on
    /// stderr, exit 1.
    Invalid(String),
    /// Standard output was closed by the reader: exit quietly.
    Closed,
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Self::Usage(message)
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Self::Closed
        } else {
            Self::Usage(format!("cannot write standard output: {e}"))
        }
    }
}

/// Where an inventory comes from: our document, or a BOM imported on the fly.
#[derive(clap::Args)]
struct InventoryInput {
    /// The inventory file, or a CycloneDX or SPDX BOM (detected from its content, or
    /// named with `--cyclonedx` / `--spdx`); `-` reads standard input.
    inventory: String,
    /// Read the file as a CycloneDX JSON BOM (1.2 to 1.6).
    #[arg(long, conflicts_with = "spdx")]
    cyclonedx: bool,
    /// Read the file as an SPDX document (2.2/2.3 JSON, 3.0 JSON-LD).
    #[arg(long)]
    spdx: bool,
    /// Import a BOM leniently: skip bad entries (listed on standard error). An inventory
    /// document is always read strictly.
    #[arg(long)]
    lenient: bool,
}

/// What `aiir import` reads.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportArg {
    /// A CycloneDX JSON BOM (1.2 to 1.6).
    Cyclonedx,
    /// An SPDX document (2.2/2.3 JSON, 3.0 JSON-LD).
    Spdx,
    /// A STIX 2.1 bundle with one incident.
    Stix,
    /// AVID reports (data formats 0.1 to 0.3.x).
    Avid,
    /// CERT/CC SSVC SelectionLists 2.0.0 (one threat per target id).
    Ssvc,
    /// A CACAO 2.0 playbook (notes on standard error).
    Cacao,
    /// An OCSF Detection Finding (class 2004) as a new incident (notes on standard
    /// error).
    Ocsf,
}

/// What `aiir export` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportArg {
    /// A STIX 2.1 bundle.
    Stix,
    /// An OCSF 1.5 Incident Finding (class 2005).
    Ocsf,
    /// The post-incident report, in Markdown.
    Report,
    /// CERT/CC SSVC SelectionLists 2.0.0 for a threat register's SSVC assessments.
    Ssvc,
    /// Every playbook of a policy as a CACAO 2.0 playbook (a JSON array).
    Cacao,
}

/// Reads an inventory: our document when it has `schema_version`, otherwise a BOM of
/// the named or detected format. Skipped entries of a lenient import go to standard
/// error.
fn load_inventory(input: &InventoryInput) -> Result<Result<Inventory, Error>, String> {
    let format = if input.cyclonedx {
        Some(BomFormat::CycloneDx)
    } else if input.spdx {
        Some(BomFormat::Spdx)
    } else {
        None
    };
    load_inventory_file(&input.inventory, format, input.lenient)
}

/// [`load_inventory`] for a file, with the BOM format detected unless given.
fn load_inventory_file(
    file: &str,
    format: Option<BomFormat>,
    lenient: bool,
) -> Result<Result<Inventory, Error>, String> {
    let text = read(file)?;
    // Our inventory has `schema_version`; anything that is neither gets the
    // inventory's report.
    let format = format.or_else(|| match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) if v.get("schema_version").is_none() => BomFormat::of(&v),
        _ => None,
    });
    let Some(format) = format else {
        return Ok(Inventory::from_json(&text));
    };
    let options = if lenient {
        ImportOptions::lenient()
    } else {
        ImportOptions::strict()
    };
    Ok(Inventory::import_bom(&text, Some(format), options).map(|import| {
        warn_skipped(file, &import);
        import.inventory
    }))
}

/// `file: skipped pointer: expected …` on standard error for each skipped entry.
fn warn_skipped(file: &str, import: &Import) {
    let mut err = io::stderr().lock();
    for p in &import.skipped {
        // A closed standard error is not worth failing the command for.
        let _ = writeln!(err, "{file}: skipped {p}");
    }
}

/// The one writer every command prints through.
struct Out {
    w: BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    fn text(&mut self, text: &str) -> Result<(), Stop> {
        self.w.write_all(text.as_bytes())?;
        Ok(())
    }

    fn line(&mut self, text: &str) -> Result<(), Stop> {
        self.text(text)?;
        self.text("\n")
    }

    fn json(&mut self, value: &impl serde::Serialize) -> Result<(), Stop> {
        let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        self.line(&text)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out {
        w: BufWriter::new(io::stdout().lock()),
    };
    let result = run(cli, &mut out).and_then(|code| {
        out.w.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Usage(message)) => {
            // Standard error may be closed too; there is nowhere else to report.
            let _ = writeln!(io::stderr(), "aiir: {message}");
            ExitCode::from(2)
        }
        Err(Stop::Invalid(message)) => {
            let _ = writeln!(io::stderr(), "{message}");
            invalid()
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    use std::sync::atomic::{AtomicBool, Ordering};
    /// Standard input holds one document: a second `-` would read nothing.
    static STDIN_READ: AtomicBool = AtomicBool::new(false);
    if path == "-" {
        if STDIN_READ.swap(true, Ordering::Relaxed) {
            return Err("`-` (standard input) is given twice; it holds one document".to_owned());
        }
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    }
}

fn invalid() -> ExitCode {
    ExitCode::from(1)
}

/// Prints `file: problem` lines for an invalid input on standard error (standard output
/// carries only results) and returns exit code 1.
fn report_invalid(file: &str, e: &Error) -> Result<ExitCode, Stop> {
    // A closed standard error is not worth failing the command for.
    let _ = writeln!(io::stderr(), "{file}: {e}");
    Ok(invalid())
}

/// Reads an incident and checks it against the policy (its category must be defined).
fn load_incident(policy: &CompiledPolicy, file: &str) -> Result<Result<aiir::Incident, Error>, String> {
    Ok(policy.incident_from_json(&read(file)?))
}

/// The policy at `path` (exit 2 when it cannot be read, 1 when it is invalid), or the
/// built-in policy.
fn load_policy(path: Option<&str>) -> Result<CompiledPolicy, Stop> {
    match path {
        Some(path) => Policy::from_json(&read(path)?)
            .and_then(|p| p.compile())
            .map_err(|e| Stop::Invalid(format!("{path}: {e}"))),
        None => Ok(CompiledPolicy::builtin().clone()),
    }
}

fn version_req(text: &str) -> Result<semver::VersionReq, String> {
    semver::VersionReq::parse(text).map_err(|e| {
        format!("invalid `--versions` `{text}`: {e} (expected a semver requirement such as `>=2.5.0, <2.5.2`)")
    })
}

fn parse_arg<T: std::str::FromStr<Err = Error>>(flag: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|e: Error| format!("invalid `{flag}`: {e}"))
}

fn run(cli: Cli, out: &mut Out) -> Result<ExitCode, Stop> {
    match cli.command {
        Command::Schema { doc } => {
            out.text(&doc.schema_text())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            doc,
            files,
            format,
            policy,
        } => validate(out, doc, &files, format, policy.as_deref()),
        Command::Triage {
            incident,
            policy,
            inventory,
            now,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let parsed = match load_incident(&policy, &incident)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let aibom = match &inventory {
                Some(file) => match load_inventory_file(file, None, false)? {
                    Ok(i) => Some((file, i)),
                    Err(e) => return report_invalid(file, &e),
                },
                None => None,
            };
            let now = now.unwrap_or_else(chrono::Utc::now);
            let triage = match &aibom {
                Some((file, aibom)) => match aibom.graph() {
                    Ok(graph) => policy.triage_with_inventory(&parsed, now, &graph),
                    Err(e) => return report_invalid(file, &e),
                },
                None => policy.triage(&parsed, now),
            }
            .map_err(|e| e.to_string())?;
            match format {
                BriefFormat::Json => out.json(&triage)?,
                BriefFormat::Markdown => out.text(&triage.to_markdown())?,
                BriefFormat::Text => out.text(&triage.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Replay {
            old,
            new,
            incidents,
            now,
            format,
        } => {
            let old = load_policy(old.as_deref())?;
            let new = load_policy(Some(&new))?;
            let mut parsed = Vec::with_capacity(incidents.len());
            let mut bad = false;
            for file in &incidents {
                match aiir::Incident::from_json(&read(file)?) {
                    Ok(i) => parsed.push(i),
                    Err(e) => {
                        report_invalid(file, &e)?;
                        bad = true;
                    }
                }
            }
            if bad {
                return Ok(invalid());
            }
            let report = old.replay(&new, &parsed, now.unwrap_or_else(chrono::Utc::now));
            match format {
                Format::Json => out.json(&report)?,
                Format::Text => out.text(&report.to_string())?,
            }
            Ok(if report.changed == 0 && report.refused.is_empty() {
                ExitCode::SUCCESS
            } else {
                invalid()
            })
        }
        Command::Policy(PolicyCommand::Builtin) => {
            out.text(aiir::policy::BUILTIN_POLICY_JSON)?;
            if !aiir::policy::BUILTIN_POLICY_JSON.ends_with('\n') {
                out.line("")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Assess {
            incident,
            policy,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let parsed = match load_incident(&policy, &incident)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let assessment = policy.assess(&parsed).map_err(|e| e.to_string())?;
            match format {
                Format::Json => out.json(&assessment)?,
                Format::Text => out.text(&assessment.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Affected {
            input,
            asset,
            versions,
            format,
        } => {
            let req = version_req(&versions)?;
            let inventory = &input.inventory;
            let loaded = match load_inventory(&input)? {
                Ok(i) => i,
                Err(e) => return report_invalid(inventory, &e),
            };
            let graph = match loaded.graph() {
                Ok(g) => g,
                Err(e) => return report_invalid(inventory, &e),
            };
            let report = graph.affected(&asset, &req).report();
            match format {
                Format::Json => out.json(&report)?,
                Format::Text => {
                    for e in &report.affected {
                        let owner = e.owner.as_ref().map_or("-", |o| o.name.as_str());
                        let deployed = if e.deployed.is_empty() {
                            "-".to_owned()
                        } else {
                            e.deployed.join(",")
                        };
                        let via = e.via.as_ref().map_or("-", |v| v.as_str());
                        out.line(&format!(
                            "{:<40} deployed {:<20} owner {:<12} depth {:<3} via {}",
                            e.asset.as_str(),
                            deployed,
                            owner,
                            e.depth,
                            via
                        ))?;
                    }
                    out.line(&format!("{} affected", report.affected.len()))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rollback { input, asset, versions } => {
            let req = version_req(&versions)?;
            let loaded = match load_inventory(&input)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&input.inventory, &e),
            };
            let graph = loaded.graph().map_err(|e| e.to_string())?;
            match graph.rollback_target(&asset, &req) {
                Ok(target) => {
                    out.json(&serde_json::json!({
                        "asset": asset,
                        "compromised": versions,
                        "rollback_to": target.id,
                        "version": target.version,
                    }))?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let _ = writeln!(io::stderr(), "{}: {e}", input.inventory);
                    Ok(invalid())
                }
            }
        }
        Command::Import {
            format,
            file,
            more,
            lenient,
            policy,
            table,
            category,
            map,
        } => {
            if (category.is_some() || !map.is_empty()) && !matches!(format, ImportArg::Ocsf) {
                return Err(Stop::Usage(
                    "`--category` and `--map` apply to OCSF detection findings".to_owned(),
                ));
            }
            if !more.is_empty() && !matches!(format, ImportArg::Avid | ImportArg::Ssvc) {
                return Err(Stop::Usage(
                    "one file at a time, except for AVID reports and SSVC SelectionLists".to_owned(),
                ));
            }
            if table.is_some() && !matches!(format, ImportArg::Ssvc) {
                return Err(Stop::Usage("`--table` applies to SSVC SelectionLists".to_owned()));
            }
            let bom = match format {
                ImportArg::Ssvc => {
                    if lenient || policy.is_some() {
                        return Err(Stop::Usage(
                            "`--lenient` and `--policy` do not apply to SSVC SelectionLists".to_owned(),
                        ));
                    }
                    let mut texts = Vec::with_capacity(more.len().saturating_add(1));
                    for f in std::iter::once(&file).chain(&more) {
                        texts.push((f.as_str(), read(f)?));
                    }
                    let table = table.unwrap_or_else(|| aiir::threat::SSVC_CISA.to_owned());
                    return match aiir::interop::ssvc::register_from_selection_lists(
                        "SSVC import",
                        texts.iter().map(|(n, t)| (*n, t.as_str())),
                        &table,
                    ) {
                        Ok(register) => {
                            out.json(&register)?;
                            Ok(ExitCode::SUCCESS)
                        }
                        Err(e) => report_invalid(&file, &e),
                    };
                }
                ImportArg::Avid => {
                    if lenient {
                        return Err(Stop::Usage(
                            "`--lenient` applies to BOMs, not to AVID reports".to_owned(),
                        ));
                    }
                    let policy = load_policy(policy.as_deref())?;
                    let mut texts = Vec::with_capacity(more.len().saturating_add(1));
                    for f in std::iter::once(&file).chain(&more) {
                        texts.push((f.as_str(), read(f)?));
                    }
                    let import = aiir::interop::avid::threats_from_avid(
                        "AVID import",
                        texts.iter().map(|(n, t)| (*n, t.as_str())),
                        &policy,
                    );
                    let mut err = io::stderr().lock();
                    for n in &import.notes {
                        let _ = writeln!(err, "note: {n}");
                    }
                    for r in &import.refused {
                        let _ = writeln!(err, "refused: {r}");
                    }
                    out.json(&import.register)?;
                    return Ok(if import.refused.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        invalid()
                    });
                }
                ImportArg::Cacao => {
                    if lenient {
                        return Err(Stop::Usage(
                            "`--lenient` applies to BOMs, not to a CACAO playbook".to_owned(),
                        ));
                    }
                    let policy = load_policy(policy.as_deref())?;
                    let text = read(&file)?;
                    let many = text.trim_start().starts_with('[');
                    return match aiir::interop::cacao::playbooks_from_cacao(&text, &policy) {
                        Ok(imports) => {
                            let mut err = io::stderr().lock();
                            for n in imports.iter().flat_map(|i| &i.notes) {
                                let _ = writeln!(err, "note: {n}");
                            }
                            let playbooks: Vec<&aiir::response::Playbook> =
                                imports.iter().map(|i| &i.playbook).collect();
                            match (many, playbooks.as_slice()) {
                                (false, [one]) => out.json(one)?,
                                _ => out.json(&playbooks)?,
                            }
                            Ok(ExitCode::SUCCESS)
                        }
                        Err(e) => report_invalid(&file, &e),
                    };
                }
                ImportArg::Ocsf => {
                    if lenient {
                        return Err(Stop::Usage(
                            "`--lenient` applies to BOMs, not to an OCSF finding".to_owned(),
                        ));
                    }
                    let mut mapping = aiir::interop::ocsf::DetectionMapping::new();
                    if let Some(c) = &category {
                        mapping = mapping.with_category(parse_arg("--category", c)?);
                    }
                    for m in &map {
                        let Some((t, c)) = m.rsplit_once('=') else {
                            return Err(Stop::Usage(format!("invalid `--map` `{m}`: expected TYPE=CATEGORY")));
                        };
                        mapping = mapping.with_type(t, parse_arg("--map", c)?);
                    }
                    let policy = load_policy(policy.as_deref())?;
                    // A category the policy lacks is a wrong argument, not a wrong finding.
                    for c in mapping.category.iter().chain(mapping.by_type.values()) {
                        if policy.category(c).is_none() {
                            return Err(Stop::Usage(format!(
                                "category `{c}` is not in policy `{}`",
                                policy.policy().name
                            )));
                        }
                    }
                    return match aiir::interop::ocsf::incident_from_detection(&read(&file)?, &policy, &mapping) {
                        Ok(import) => {
                            let mut err = io::stderr().lock();
                            let _ = writeln!(err, "category {}: {}", import.incident.category, import.category_reason);
                            for n in &import.notes {
                                let _ = writeln!(err, "note: {n}");
                            }
                            out.text(&import.incident.to_json_pretty())?;
                            out.line("")?;
                            Ok(ExitCode::SUCCESS)
                        }
                        Err(e) => report_invalid(&file, &e),
                    };
                }
                ImportArg::Cyclonedx => BomFormat::CycloneDx,
                ImportArg::Spdx => BomFormat::Spdx,
                ImportArg::Stix => {
                    if lenient {
                        return Err(Stop::Usage(
                            "`--lenient` applies to BOMs, not to a STIX bundle".to_owned(),
                        ));
                    }
                    let policy = load_policy(policy.as_deref())?;
                    return match aiir::interop::stix::incident_from_stix(&read(&file)?, &policy) {
                        Ok(incident) => {
                            out.text(&incident.to_json_pretty())?;
                            out.line("")?;
                            Ok(ExitCode::SUCCESS)
                        }
                        Err(e) => report_invalid(&file, &e),
                    };
                }
            };
            if policy.is_some() {
                return Err(Stop::Usage(
                    "`--policy` applies to a STIX bundle, AVID reports, a CACAO playbook or an OCSF finding, not to a BOM".to_owned(),
                ));
            }
            let options = if lenient {
                ImportOptions::lenient()
            } else {
                ImportOptions::strict()
            };
            match Inventory::import_bom(&read(&file)?, Some(bom), options) {
                Ok(import) => {
                    warn_skipped(&file, &import);
                    out.json(&import.inventory)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report_invalid(&file, &e),
            }
        }
        Command::Export {
            format,
            incident,
            policy,
            now,
        } => {
            if let ExportArg::Cacao = format {
                if policy.is_some() || now.is_some() {
                    return Err(Stop::Usage(
                        "`export cacao` reads the policy as its file; `--policy` and `--now` do not apply".to_owned(),
                    ));
                }
                let policy = load_policy(Some(&incident))?;
                out.json(&aiir::interop::cacao::to_cacao(&policy))?;
                return Ok(ExitCode::SUCCESS);
            }
            if let ExportArg::Ssvc = format {
                if policy.is_some() {
                    return Err(Stop::Usage("`--policy` does not apply to `export ssvc`".to_owned()));
                }
                let register = match ThreatRegister::from_json(&read(&incident)?) {
                    Ok(r) => r,
                    Err(e) => return report_invalid(&incident, &e),
                };
                let at = now.unwrap_or_else(chrono::Utc::now);
                let lists: Vec<serde_json::Value> = register
                    .threats
                    .iter()
                    .flat_map(|t| aiir::interop::ssvc::selection_lists(t, at))
                    .collect();
                out.json(&lists)?;
                return Ok(ExitCode::SUCCESS);
            }
            let policy = load_policy(policy.as_deref())?;
            let parsed = match load_incident(&policy, &incident)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let triage = policy
                .triage(&parsed, now.unwrap_or_else(chrono::Utc::now))
                .map_err(|e| e.to_string())?;
            match format {
                ExportArg::Stix => out.json(&aiir::interop::stix::to_stix(&parsed, &triage))?,
                ExportArg::Ocsf => out.json(&aiir::interop::ocsf::incident_finding(&parsed, &triage))?,
                ExportArg::Report => out.text(&aiir::interop::report::post_incident(&parsed, &triage))?,
                // Answered above, from a threat register or a policy.
                ExportArg::Ssvc | ExportArg::Cacao => {}
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Escalation(cmd) => escalation(out, cmd),
        Command::Obligations {
            incident,
            policy,
            now,
            regimes,
            holidays,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let mut profile = policy.policy().regulation.clone().unwrap_or_default();
            if let Some(regimes) = regimes {
                profile.subject_to = regimes
                    .iter()
                    .map(|r| parse_arg("--regimes", r))
                    .collect::<Result<_, _>>()?;
            }
            if let Some(file) = holidays {
                let dates: Vec<chrono::NaiveDate> = serde_json::from_str(&read(&file)?).map_err(|e| {
                    format!("invalid `--holidays` file `{file}`: {e} (expected a JSON array of `YYYY-MM-DD` dates)")
                })?;
                profile.holidays.extend(dates);
            }
            let regulation =
                aiir::regulation::Regulation::new(&profile).map_err(|e| format!("regulatory profile: {e}"))?;
            let parsed = match aiir::Incident::from_json(&read(&incident)?) {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let obligations = regulation.obligations(&parsed, now.unwrap_or_else(chrono::Utc::now));
            match format {
                Format::Json => out.json(&obligations)?,
                Format::Text => out.text(&obligations.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { policy, today, format } => {
            let compiled = match Policy::from_json(&read(&policy)?).and_then(|p| p.compile()) {
                Ok(p) => p,
                Err(e) => return report_invalid(&policy, &e),
            };
            let report = compiled.lint(today.unwrap_or_else(|| chrono::Utc::now().date_naive()));
            match format {
                Format::Json => out.json(&report)?,
                Format::Text => out.text(&report.to_string())?,
            }
            Ok(if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                invalid()
            })
        }
        Command::Respond {
            incident,
            policy,
            now,
            inventory,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let parsed = match load_incident(&policy, &incident)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let aibom = match &inventory {
                Some(file) => match load_inventory_file(file, None, false)? {
                    Ok(i) => Some(i),
                    Err(e) => return report_invalid(file, &e),
                },
                None => None,
            };
            let graph = match aibom.as_ref().map(Inventory::graph).transpose() {
                Ok(g) => g,
                Err(e) => return report_invalid(inventory.as_deref().unwrap_or_default(), &e),
            };
            match policy.respond(&parsed, now.unwrap_or_else(chrono::Utc::now)) {
                Ok(plan) => {
                    let plan = match &graph {
                        Some(g) => plan.with_rollback_targets(g),
                        None => plan,
                    };
                    match format {
                        BriefFormat::Json => out.json(&plan)?,
                        BriefFormat::Markdown => out.text(&plan.to_markdown())?,
                        BriefFormat::Text => out.text(&plan.to_string())?,
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report_invalid(&incident, &e),
            }
        }
        Command::Communications {
            incident,
            policy,
            now,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let parsed = match load_incident(&policy, &incident)? {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            match policy.communications(&parsed, now.unwrap_or_else(chrono::Utc::now)) {
                Ok(comms) => {
                    match format {
                        Format::Json => out.json(&comms)?,
                        Format::Text => out.text(&comms.to_string())?,
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report_invalid(&incident, &e),
            }
        }
        Command::Metrics {
            incidents,
            policy,
            now,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let mut parsed = Vec::with_capacity(incidents.len());
            let mut bad = false;
            for file in &incidents {
                match aiir::Incident::from_json(&read(file)?) {
                    Ok(i) => parsed.push(i),
                    Err(e) => {
                        report_invalid(file, &e)?;
                        bad = true;
                    }
                }
            }
            if bad {
                return Ok(invalid());
            }
            let metrics = policy.metrics(&parsed, now.unwrap_or_else(chrono::Utc::now));
            match format {
                Format::Json => out.json(&metrics)?,
                Format::Text => out.text(&metrics.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Record {
            incident,
            at,
            by,
            event,
            details,
        } => {
            let mut parsed = match aiir::Incident::from_json(&read(&incident)?) {
                Ok(i) => i,
                Err(e) => {
                    let _ = writeln!(io::stderr(), "{incident}: {e}");
                    return Ok(invalid());
                }
            };
            let by: aiir::ResponderId = parse_arg("--by", &by)?;
            let event: aiir::timeline::EventKind = serde_json::from_str(&event).map_err(|e| {
                format!(
                    "invalid `--event`: {e} (expected a JSON event object such as {{\"kind\":\"note\",\"text\":\"…\"}})"
                )
            })?;
            let details: serde_json::Map<String, serde_json::Value> = match details {
                Some(d) => serde_json::from_str(&d)
                    .map_err(|e| format!("invalid `--details`: {e} (expected a JSON object)"))?,
                None => serde_json::Map::new(),
            };
            let recorded = match event {
                aiir::timeline::EventKind::PhaseChanged { from, to, reason } if details.is_empty() => {
                    if from == parsed.phase() {
                        parsed.transition_with_reason(to, at, by, reason)
                    } else {
                        Err(Error::InvalidValue {
                            what: "phase change",
                            value: format!("from `{from}`"),
                            expected: format!("`from` the incident's current phase `{}`", parsed.phase()),
                        })
                    }
                }
                aiir::timeline::EventKind::PhaseChanged { .. } => Err(Error::InvalidValue {
                    what: "phase change",
                    value: "details".to_owned(),
                    expected: "no `--details` on a phase change".to_owned(),
                }),
                other => parsed.record(at, by, other, details),
            };
            match recorded {
                Ok(()) => {
                    out.text(&parsed.to_json_pretty())?;
                    out.line("")?;
                    Ok(ExitCode::SUCCESS)
                }
                // Standard output is the document: a refused event goes to standard
                // error, so `aiir record … > next.json` never writes a message as JSON.
                Err(e) => {
                    let _ = writeln!(io::stderr(), "{incident}: {e}");
                    Ok(invalid())
                }
            }
        }
        Command::Report(ReportCommand::Art73 { incident, format }) => {
            let parsed = match aiir::Incident::from_json(&read(&incident)?) {
                Ok(i) => i,
                Err(e) => return report_invalid(&incident, &e),
            };
            let report = aiir::regulation::Art73Report::from_incident(&parsed);
            match format {
                AuditFormat::Json => out.json(&report)?,
                AuditFormat::Markdown => out.text(&report.to_markdown())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { policy, today, format } => {
            let loaded = match Policy::from_json(&read(&policy)?) {
                Ok(p) => p,
                Err(e) => return report_invalid(&policy, &e),
            };
            let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let report = aiir::audit::audit(&loaded, today);
            match format {
                AuditFormat::Json => out.json(&report)?,
                AuditFormat::Markdown => out.text(&report.to_markdown())?,
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
        } => prioritize(out, &register, method, top, epss_raise_at, plan, format),
    }
}

fn validate(
    out: &mut Out,
    doc: SchemaDocument,
    files: &[String],
    format: Format,
    policy: Option<&str>,
) -> Result<ExitCode, Stop> {
    fn check<D: Document>(text: &str) -> Option<ValidationReport> {
        D::from_json(text).err().map(into_report::<D>)
    }
    /// An output document: JSON syntax, then its schema.
    fn check_output(doc: SchemaDocument, text: &str) -> Option<ValidationReport> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => doc.check_value(&value).err().map(|e| match e {
                Error::Invalid(r) => r,
                other => one_problem(doc.kind(), aiir::ProblemKind::Structure, other.to_string()),
            }),
            Err(e) => Some(one_problem(doc.kind(), aiir::ProblemKind::Syntax, format!("{e}"))),
        }
    }
    let policy = match doc {
        SchemaDocument::Incident => Some(load_policy(policy)?),
        _ => None,
    };
    let mut results: Vec<(&str, Option<ValidationReport>)> = Vec::with_capacity(files.len());
    for file in files {
        let text = read(file)?;
        let report = match (doc, &policy) {
            (SchemaDocument::Incident, Some(p)) => p.incident_from_json(&text).err().map(into_report::<aiir::Incident>),
            (SchemaDocument::Incident, None) => check::<aiir::Incident>(&text),
            (SchemaDocument::Policy, _) => check::<Policy>(&text),
            (SchemaDocument::ThreatRegister, _) => check::<ThreatRegister>(&text),
            (SchemaDocument::Inventory, _) => check::<Inventory>(&text),
            (SchemaDocument::EscalationPolicy, _) => check::<EscalationPolicy>(&text),
            (other, _) => check_output(other, &text),
        };
        results.push((file, report));
    }
    let invalid_any = results.iter().any(|(_, r)| r.is_some());
    match format {
        Format::Text => {
            for (file, report) in &results {
                match report {
                    None => out.line(&format!("{file}: valid"))?,
                    Some(r) => out.line(&format!("{file}: {r}"))?,
                }
            }
        }
        Format::Json => {
            let list: Vec<serde_json::Value> = results
                .iter()
                .map(|(file, report)| {
                    serde_json::json!({
                        "file": file,
                        "valid": report.is_none(),
                        "problems": report.as_ref().map(|r| r.problems.clone()).unwrap_or_default(),
                    })
                })
                .collect();
            out.json(&list)?;
        }
    }
    Ok(if invalid_any { invalid() } else { ExitCode::SUCCESS })
}

/// A report with one problem at the document root.
fn one_problem(kind: aiir::DocumentKind, problem: aiir::ProblemKind, found: String) -> ValidationReport {
    let mut r = ValidationReport::new(kind);
    r.push("", problem, "a valid document", Some(found));
    r
}

/// The report inside a parse error (any other error becomes a one-problem report).
fn into_report<D: Document>(e: Error) -> ValidationReport {
    match e {
        Error::Invalid(r) => r,
        other => one_problem(D::KIND, aiir::ProblemKind::Semantic, other.to_string()),
    }
}

fn prioritize(
    out: &mut Out,
    register: &str,
    method: MethodArg,
    top: Option<usize>,
    epss_raise_at: Option<f64>,
    plan: bool,
    format: Format,
) -> Result<ExitCode, Stop> {
    let loaded = match ThreatRegister::from_json(&read(register)?) {
        Ok(r) => r,
        Err(e) => return report_invalid(register, &e),
    };
    let method = match method {
        MethodArg::Ssvc => Method::ssvc_cisa(),
        MethodArg::SsvcDeployer => Method::ssvc_deployer(),
        MethodArg::Cvss => Method::Cvss,
        MethodArg::Owasp => Method::Owasp,
        MethodArg::Nist => Method::Nist,
    };
    let mut options = Options::default();
    options.epss_raise_at = epss_raise_at;
    let prioritizer = Prioritizer::new().with_options(options);
    let ranking = match top {
        Some(k) => prioritizer.top_k(&loaded, &method, k),
        None => prioritizer.prioritize(&loaded, &method),
    };
    let report = ranking.report();
    let mitigation_plan = plan.then(|| prioritizer.plan_mitigations(&loaded, &method));
    match format {
        Format::Json => match &mitigation_plan {
            Some(p) => out.json(&serde_json::json!({"ranking": report, "plan": p}))?,
            None => out.json(&report)?,
        },
        Format::Text => {
            out.text(&ranking.to_string())?;
            if let Some(p) = &mitigation_plan {
                out.text(&format!("\n{p}"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load_escalation(file: &str) -> Result<Result<EscalationGraph, Error>, Stop> {
    Ok(EscalationPolicy::from_json(&read(file)?).and_then(EscalationPolicy::build))
}

fn escalation(out: &mut Out, cmd: EscalationCommand) -> Result<ExitCode, Stop> {
    match cmd {
        EscalationCommand::Validate { file, format } => match load_escalation(&file)? {
            Ok(g) => {
                match format {
                    Format::Json => out.json(&serde_json::json!({"file": file, "valid": true, "steps": g.len()}))?,
                    Format::Text => out.line(&format!("{file}: valid ({} steps)", g.len()))?,
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => report_invalid(&file, &e),
        },
        EscalationCommand::Simulate {
            file,
            category,
            severity,
            start,
            layer,
            ack,
        } => {
            let graph = match load_escalation(&file)? {
                Ok(g) => g,
                Err(e) => return report_invalid(&file, &e),
            };
            let mut facts =
                IncidentFacts::new(parse_arg("--category", &category)?, parse_arg("--severity", &severity)?);
            for l in &layer {
                facts.layers.push(parse_arg::<Layer>("--layer", l)?);
            }
            let mut acks = Vec::new();
            for a in &ack {
                let (who, when) = a
                    .rsplit_once('@')
                    .ok_or_else(|| format!("invalid `--ack` `{a}`: expected RESPONDER@RFC3339"))?;
                let when: chrono::DateTime<chrono::Utc> = when
                    .parse()
                    .map_err(|e| format!("invalid `--ack` time `{when}`: {e}"))?;
                acks.push(Ack::new(parse_arg("--ack", who)?, when));
            }
            let plan = graph.simulate(&facts, start, &acks).map_err(|e| e.to_string())?;
            out.json(&plan)?;
            Ok(ExitCode::SUCCESS)
        }
        EscalationCommand::Coverage { file, from, days } => match load_escalation(&file)? {
            Ok(g) => {
                let gaps = g.coverage(from, days).map_err(|e| e.to_string())?;
                out.json(&gaps)?;
                Ok(if gaps.is_empty() { ExitCode::SUCCESS } else { invalid() })
            }
            Err(e) => report_invalid(&file, &e),
        },
        EscalationCommand::Dot { file, mermaid } => match load_escalation(&file)? {
            Ok(g) => {
                out.text(&if mermaid { g.to_mermaid() } else { g.to_dot() })?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => report_invalid(&file, &e),
        },
    }
}
