//! The parser's events (go-yaml's `yaml_event_t`).

use std::borrow::Cow;

use crate::mark::Mark;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'single quoted'`.
    SingleQuoted,
    /// `"double quoted"`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// How a sequence was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SequenceStyle {
    /// Indented `-` entries.
    Block,
    /// `[a, b]`.
    Flow,
}

/// How a mapping was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MappingStyle {
    /// Indented `key: value` entries.
    Block,
    /// `{a: b}`.
    Flow,
}

/// `%YAML major.minor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionDirective {
    /// The major version.
    pub major: i8,
    /// The minor version.
    pub minor: i8,
}

/// `%TAG handle prefix`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TagDirective<'a> {
    /// The handle (`!`, `!!`, `!name!`).
    pub handle: Cow<'a, str>,
    /// The prefix it stands for.
    pub prefix: Cow<'a, str>,
}

/// An event with its extent in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event<'a> {
    /// What happened.
    pub kind: EventKind<'a>,
    /// Where it starts.
    pub start: Mark,
    /// Where it ends.
    pub end: Mark,
}

/// The kinds of event and their data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind<'a> {
    /// The stream starts.
    StreamStart,
    /// The stream ends; no events follow.
    StreamEnd,
    /// A document starts (go-yaml does not tell implicit starts apart).
    DocumentStart {
        /// Its `%YAML` directive.
        version: Option<VersionDirective>,
        /// Its `%TAG` directives.
        tags: Vec<TagDirective<'a>>,
    },
    /// A document ends.
    DocumentEnd {
        /// No `...` ended it.
        implicit: bool,
    },
    /// `*anchor`.
    Alias {
        /// The anchor referred to.
        anchor: Cow<'a, str>,
    },
    /// A scalar (also the empty scalar standing for a missing node).
    Scalar {
        /// Its anchor.
        anchor: Option<Cow<'a, str>>,
        /// Its resolved tag (`tag:yaml.org,2002:str`, `!local`, `!`).
        tag: Option<Cow<'a, str>>,
        /// The value.
        value: Cow<'a, str>,
        /// Untagged (or tagged `!`) and plain: subject to implicit typing.
        plain_implicit: bool,
        /// Untagged and not plain.
        quoted_implicit: bool,
        /// How it was written.
        style: ScalarStyle,
    },
    /// A sequence starts.
    SequenceStart {
        /// Its anchor.
        anchor: Option<Cow<'a, str>>,
        /// Its resolved tag.
        tag: Option<Cow<'a, str>>,
        /// Untagged.
        implicit: bool,
        /// How it is written.
        style: SequenceStyle,
    },
    /// A sequence ends.
    SequenceEnd,
    /// A mapping starts.
    MappingStart {
        /// Its anchor.
        anchor: Option<Cow<'a, str>>,
        /// Its resolved tag.
        tag: Option<Cow<'a, str>>,
        /// Untagged.
        implicit: bool,
        /// How it is written.
        style: MappingStyle,
    },
    /// A mapping ends.
    MappingEnd,
}
