//! Plain `{{placeholder}}` templates and Markdown escaping of user text.

use crate::report::ValidationReport;

/// The placeholders a communications template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "incident",
    "title",
    "summary",
    "category",
    "severity",
    "phase",
    "detected_at",
    "audience",
    "recipient",
    "next_update",
];

/// The longest template, in bytes.
pub const MAX_TEMPLATE_LEN: usize = 16_384;

/// `text` made inert as Markdown, for inserting user text into a message:
/// - the characters that add emphasis, code, links, tables, headings or HTML are
///   backslash-escaped (`` \ ` * _ [ ] # | < > ~ & ``);
/// - control characters (line breaks included) become spaces and leading whitespace is
///   dropped, so the text stays on the template's line and cannot start a code block;
/// - a leading list, quote or heading-underline marker (`-`, `+`, `=`, `1.`, `1)`) is
///   escaped, for text a template places at the start of a line.
///
/// Bare URLs stay plain text in the output; a renderer that autolinks them (GitHub's
/// does) may still make them clickable.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len().saturating_add(8));
    for c in text.chars().skip_while(|c| c.is_whitespace() || c.is_control()) {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // A marker at the start of a line: `-`, `+`, `=` or digits followed by `.` or `)`.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match out.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(0),
        Some(b'.' | b')') if digits > 0 => Some(digits),
        _ => None,
    };
    if let Some(at) = marker {
        out.insert(at, '\\');
    }
    out
}

/// A piece of a parsed template.
enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// Splits `template` into text and `{{name}}` fields; `Err` with the problem.
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let (text, after) = rest.split_at(open);
        out.push(Piece::Text(text));
        let after = after.get(2..).unwrap_or_default();
        let close = after.find("}}").ok_or_else(|| {
            format!(
                "an unclosed `{{{{` at byte {}",
                template.len().saturating_sub(rest.len()).saturating_add(open)
            )
        })?;
        let (name, tail) = after.split_at(close);
        out.push(Piece::Field(name.trim()));
        rest = tail.get(2..).unwrap_or_default();
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// Checks `template` at pointer `at`: its length, closed placeholders, known names.
pub(crate) fn check_template(template: &str, at: &str, report: &mut ValidationReport) {
    if template.len() > MAX_TEMPLATE_LEN {
        report.semantic(
            at.to_owned(),
            format!("a template of at most {MAX_TEMPLATE_LEN} bytes"),
            Some(format!("{} bytes", template.len())),
        );
        return;
    }
    match pieces(template) {
        Err(problem) => report.semantic(at.to_owned(), "`{{` closed by `}}`", Some(problem)),
        Ok(list) => {
            for p in list {
                if let Piece::Field(name) = p {
                    if !PLACEHOLDERS.contains(&name) {
                        report.semantic(
                            at.to_owned(),
                            format!("placeholders among {}", PLACEHOLDERS.join(", ")),
                            Some(format!("`{{{{{name}}}}}`")),
                        );
                    }
                }
            }
        }
    }
}

/// Renders `template`, replacing each `{{name}}` by `value(name)` in one pass (values
/// are never expanded again). A template that does not parse renders as it is.
pub(crate) fn render(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let Ok(list) = pieces(template) else {
        return template.to_owned();
    };
    let mut out = String::with_capacity(template.len());
    for p in list {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Field(name) => match value(name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push_str("{{");
                    out.push_str(name);
                    out.push_str("}}");
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_add_markdown() {
        assert_eq!(
            escape_markdown("[click](http://x) **now**\n# h"),
            r"\[click\](http://x) \*\*now\*\* \# h"
        );
    }

    #[test]
    fn user_text_cannot_start_a_list_or_code_block() {
        assert_eq!(escape_markdown("- item"), r"\- item");
        assert_eq!(escape_markdown("12. item"), r"12\. item");
        assert_eq!(escape_markdown("3) item"), r"3\) item");
        assert_eq!(escape_markdown("    code"), "code");
        assert_eq!(escape_markdown("==="), r"\===");
        assert_eq!(escape_markdown("a - b. 1. c"), "a - b. 1. c");
        assert_eq!(escape_markdown("\u{1}    code"), "code");
        assert_eq!(escape_markdown("\u{1}- x"), r"\- x");
    }

    #[test]
    fn rendering_is_one_pass() {
        let out = render("A {{title}} B {{ severity }}", |n| match n {
            "title" => Some("{{severity}}".to_owned()),
            "severity" => Some("high".to_owned()),
            _ => None,
        });
        assert_eq!(out, "A {{severity}} B high");
    }

    #[test]
    fn templates_are_checked() {
        let mut r = ValidationReport::new(crate::report::DocumentKind::Policy);
        check_template("ok {{title}}", "/t", &mut r);
        assert!(r.is_empty());
        check_template("bad {{nope}}", "/t", &mut r);
        check_template("open {{title", "/t", &mut r);
        assert_eq!(r.len(), 2, "{r}");
    }
}
