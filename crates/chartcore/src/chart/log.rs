//! Log lines in the form Helm v4 writes them to stderr (Go's `log/slog`
//! text handler without a time): `level=INFO msg="..." key=value`.

use std::fmt;

/// Severity of a [`LogLine`], as slog names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Shown only with `--debug`.
    Debug,
    /// Informational (also what Go's `log.Printf` becomes).
    Info,
    /// A warning.
    Warn,
    /// An error Helm logs before returning it.
    Error,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        }
    }
}

/// One log record: a message and its attributes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// The severity.
    pub level: Level,
    /// The message (`msg=`).
    pub message: String,
    /// Attributes after the message, in the order Helm passes them.
    pub attrs: Vec<(String, String)>,
}

impl LogLine {
    /// A record without attributes.
    pub fn new(level: Level, message: impl Into<String>) -> LogLine {
        LogLine {
            level,
            message: message.into(),
            attrs: Vec::new(),
        }
    }

    /// An `INFO` record without attributes.
    pub fn info(message: impl Into<String>) -> LogLine {
        LogLine::new(Level::Info, message)
    }

    /// The record with one more attribute.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> LogLine {
        self.attrs.push((key.to_string(), value.into()));
        self
    }
}

impl fmt::Display for LogLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "level={} msg={}",
            self.level.as_str(),
            slog_text(&self.message)
        )?;
        for (k, v) in &self.attrs {
            write!(f, " {}={}", slog_text(k), slog_text(v))?;
        }
        Ok(())
    }
}

/// A key or value as slog's text handler writes it: bare when it is
/// non-empty and has no space, `=`, quote or unprintable character, else
/// Go-quoted.
fn slog_text(s: &str) -> String {
    if needs_quoting(s) {
        gotemplate::strconv::quote(s)
    } else {
        s.to_string()
    }
}

fn needs_quoting(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    s.chars().any(|c| {
        if c.is_ascii() {
            // JSON's "safe" set minus space and `=`; a backslash stays bare.
            c != '\\' && (c == ' ' || c == '=' || c == '"' || c.is_ascii_control())
        } else {
            c == char::REPLACEMENT_CHARACTER
                || crate::funcs::is_go_space(c)
                || !gotemplate::strconv::is_print(c)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_slog_text_handler() {
        let line = LogLine::info("skipping unknown hooks").with("hookTypes", "pre-install, x");
        assert_eq!(
            line.to_string(),
            r#"level=INFO msg="skipping unknown hooks" hookTypes="pre-install, x""#
        );
        let line = LogLine::new(Level::Warn, "w")
            .with("tag", "t1")
            .with("e", "");
        assert_eq!(line.to_string(), r#"level=WARN msg=w tag=t1 e="""#);
        assert_eq!(
            LogLine::info("a=b").with("p", "/x\\y").to_string(),
            r#"level=INFO msg="a=b" p=/x\y"#
        );
        assert_eq!(
            LogLine::info("é\u{a0}").to_string(),
            r#"level=INFO msg="é\u00a0""#
        );
    }
}
