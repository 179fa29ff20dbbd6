//! The scanner's tokens (go-yaml's `yaml_token_t`).

use std::borrow::Cow;

use crate::event::ScalarStyle;
use crate::mark::Mark;

/// A token with its extent in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// What was scanned.
    pub kind: TokenKind<'a>,
    /// Where it starts.
    pub start: Mark,
    /// Where it ends.
    pub end: Mark,
}

/// The kinds of token and their data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind<'a> {
    /// The start of the stream.
    StreamStart,
    /// The end of the stream.
    StreamEnd,
    /// `%YAML major.minor`.
    VersionDirective {
        /// The major version.
        major: i8,
        /// The minor version.
        minor: i8,
    },
    /// `%TAG handle prefix`.
    TagDirective {
        /// The handle (`!`, `!!`, `!name!`).
        handle: Cow<'a, str>,
        /// The prefix it stands for.
        prefix: Cow<'a, str>,
    },
    /// `---`.
    DocumentStart,
    /// `...`.
    DocumentEnd,
    /// An indentation increase before a block sequence.
    BlockSequenceStart,
    /// An indentation increase before a block mapping.
    BlockMappingStart,
    /// An indentation decrease.
    BlockEnd,
    /// `[`.
    FlowSequenceStart,
    /// `]`.
    FlowSequenceEnd,
    /// `{`.
    FlowMappingStart,
    /// `}`.
    FlowMappingEnd,
    /// `-`.
    BlockEntry,
    /// `,`.
    FlowEntry,
    /// `?`, or the start of a simple key.
    Key,
    /// `:`.
    Value,
    /// `*name`.
    Alias(Cow<'a, str>),
    /// `&name`.
    Anchor(Cow<'a, str>),
    /// `!handle!suffix`, `!suffix`, `!<verbatim>` or `!`.
    Tag {
        /// The handle; empty for verbatim tags and a lone `!`.
        handle: Cow<'a, str>,
        /// The suffix, with `%` escapes decoded (bytes that do not form
        /// UTF-8 become U+FFFD, where go-yaml keeps them as they are).
        suffix: Cow<'a, str>,
    },
    /// A scalar, with escapes decoded and line breaks folded.
    Scalar {
        /// The value.
        value: Cow<'a, str>,
        /// How it was written.
        style: ScalarStyle,
    },
}
