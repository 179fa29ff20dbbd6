//! go-yaml v2's parser (`parserc.go`): tokens → events.
//!
//! An LL(1) state machine with an explicit stack of states, so nesting
//! depth costs heap, not call stack (the scanner caps it at 10000 levels).

use std::borrow::Cow;

use crate::error::{Error, Fallible};
use crate::event::{
    Event, EventKind, MappingStyle, ScalarStyle, SequenceStyle, TagDirective, VersionDirective,
};
use crate::mark::Mark;
use crate::scanner::Scanner;
use crate::token::{Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    StreamStart,
    ImplicitDocumentStart,
    DocumentStart,
    DocumentContent,
    DocumentEnd,
    BlockNode,
    BlockSequenceFirstEntry,
    BlockSequenceEntry,
    IndentlessSequenceEntry,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingValue,
    FlowSequenceFirstEntry,
    FlowSequenceEntry,
    FlowSequenceEntryMappingKey,
    FlowSequenceEntryMappingValue,
    FlowSequenceEntryMappingEnd,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingValue,
    FlowMappingEmptyValue,
    End,
}

/// The kind of a token, without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective,
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

fn kind_of(token: &Token<'_>) -> Kind {
    match token.kind {
        TokenKind::StreamStart => Kind::StreamStart,
        TokenKind::StreamEnd => Kind::StreamEnd,
        TokenKind::VersionDirective { .. } => Kind::VersionDirective,
        TokenKind::TagDirective { .. } => Kind::TagDirective,
        TokenKind::DocumentStart => Kind::DocumentStart,
        TokenKind::DocumentEnd => Kind::DocumentEnd,
        TokenKind::BlockSequenceStart => Kind::BlockSequenceStart,
        TokenKind::BlockMappingStart => Kind::BlockMappingStart,
        TokenKind::BlockEnd => Kind::BlockEnd,
        TokenKind::FlowSequenceStart => Kind::FlowSequenceStart,
        TokenKind::FlowSequenceEnd => Kind::FlowSequenceEnd,
        TokenKind::FlowMappingStart => Kind::FlowMappingStart,
        TokenKind::FlowMappingEnd => Kind::FlowMappingEnd,
        TokenKind::BlockEntry => Kind::BlockEntry,
        TokenKind::FlowEntry => Kind::FlowEntry,
        TokenKind::Key => Kind::Key,
        TokenKind::Value => Kind::Value,
        TokenKind::Alias(_) => Kind::Alias,
        TokenKind::Anchor(_) => Kind::Anchor,
        TokenKind::Tag { .. } => Kind::Tag,
        TokenKind::Scalar { .. } => Kind::Scalar,
    }
}

/// A token's kind and marks, as the parser looks at it before taking it.
#[derive(Clone, Copy)]
struct Peeked {
    kind: Kind,
    start: Mark,
    end: Mark,
}

/// The YAML parser: yields go-yaml v2's events for a string.
///
/// Iterating yields the events up to the stream end, or up to the first
/// error, which ends the iteration like it ends go-yaml's parsing.
pub struct Parser<'a> {
    scanner: Scanner<'a>,
    state: State,
    states: Vec<State>,
    marks: Vec<Mark>,
    tag_directives: Vec<TagDirective<'a>>,
    failed: bool,
}

fn default_tag_directives() -> [TagDirective<'static>; 2] {
    [
        TagDirective {
            handle: Cow::Borrowed("!"),
            prefix: Cow::Borrowed("!"),
        },
        TagDirective {
            handle: Cow::Borrowed("!!"),
            prefix: Cow::Borrowed("tag:yaml.org,2002:"),
        },
    ]
}

impl<'a> Parser<'a> {
    /// A parser over `input`. A BOM at its start is skipped.
    pub fn new(input: &'a str) -> Parser<'a> {
        Parser {
            scanner: Scanner::new(input),
            state: State::StreamStart,
            states: Vec::new(),
            marks: Vec::new(),
            tag_directives: Vec::new(),
            failed: false,
        }
    }

    /// The next event; `None` after the stream end or an error
    /// (go-yaml's `yaml_parser_parse`).
    pub fn next_event(&mut self) -> Result<Option<Event<'a>>, Error> {
        if self.failed || self.scanner.stream_end_produced() || self.state == State::End {
            return Ok(None);
        }
        match self.state_machine() {
            Ok(event) => Ok(Some(event)),
            Err(e) => {
                self.failed = true;
                Err(*e)
            }
        }
    }

    fn peek(&mut self) -> Fallible<Peeked> {
        let token = self.scanner.peek()?;
        Ok(Peeked {
            kind: kind_of(token),
            start: token.start,
            end: token.end,
        })
    }

    /// Take the token just peeked.
    fn take(&mut self) -> Token<'a> {
        self.scanner.take_token().unwrap_or(Token {
            kind: TokenKind::StreamEnd,
            start: Mark::default(),
            end: Mark::default(),
        })
    }

    fn skip(&mut self) {
        self.scanner.take_token();
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    fn pop_mark(&mut self) -> Mark {
        self.marks.pop().unwrap_or_default()
    }

    fn state_machine(&mut self) -> Fallible<Event<'a>> {
        match self.state {
            State::StreamStart => self.parse_stream_start(),
            State::ImplicitDocumentStart => self.parse_document_start(true),
            State::DocumentStart => self.parse_document_start(false),
            State::DocumentContent => self.parse_document_content(),
            State::DocumentEnd => self.parse_document_end(),
            State::BlockNode => self.parse_node(true, false),
            State::BlockSequenceFirstEntry => self.parse_block_sequence_entry(true),
            State::BlockSequenceEntry => self.parse_block_sequence_entry(false),
            State::IndentlessSequenceEntry => self.parse_indentless_sequence_entry(),
            State::BlockMappingFirstKey => self.parse_block_mapping_key(true),
            State::BlockMappingKey => self.parse_block_mapping_key(false),
            State::BlockMappingValue => self.parse_block_mapping_value(),
            State::FlowSequenceFirstEntry => self.parse_flow_sequence_entry(true),
            State::FlowSequenceEntry => self.parse_flow_sequence_entry(false),
            State::FlowSequenceEntryMappingKey => self.parse_flow_sequence_entry_mapping_key(),
            State::FlowSequenceEntryMappingValue => self.parse_flow_sequence_entry_mapping_value(),
            State::FlowSequenceEntryMappingEnd => self.parse_flow_sequence_entry_mapping_end(),
            State::FlowMappingFirstKey => self.parse_flow_mapping_key(true),
            State::FlowMappingKey => self.parse_flow_mapping_key(false),
            State::FlowMappingValue => self.parse_flow_mapping_value(false),
            State::FlowMappingEmptyValue => self.parse_flow_mapping_value(true),
            // `next_event` returns before reaching here.
            State::End => Ok(event(
                EventKind::StreamEnd,
                Mark::default(),
                Mark::default(),
            )),
        }
    }

    fn parse_stream_start(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if token.kind != Kind::StreamStart {
            return Err(Error::parser(
                "",
                Mark::default(),
                "did not find expected <stream-start>",
                token.start,
            ));
        }
        self.state = State::ImplicitDocumentStart;
        self.skip();
        Ok(event(EventKind::StreamStart, token.start, token.end))
    }

    fn parse_document_start(&mut self, implicit: bool) -> Fallible<Event<'a>> {
        let mut token = self.peek()?;
        if !implicit {
            // Extra document end indicators.
            while token.kind == Kind::DocumentEnd {
                self.skip();
                token = self.peek()?;
            }
        }
        let directive_or_end = matches!(
            token.kind,
            Kind::VersionDirective | Kind::TagDirective | Kind::DocumentStart | Kind::StreamEnd
        );
        if implicit && !directive_or_end {
            // An implicit document.
            self.process_directives()?;
            self.states.push(State::DocumentEnd);
            self.state = State::BlockNode;
            let kind = EventKind::DocumentStart {
                version: None,
                tags: Vec::new(),
            };
            return Ok(event(kind, token.start, token.end));
        }
        if token.kind != Kind::StreamEnd {
            // An explicit document.
            let start = token.start;
            let (version, tags) = self.process_directives()?;
            let token = self.peek()?;
            if token.kind != Kind::DocumentStart {
                return Err(Error::parser(
                    "",
                    Mark::default(),
                    "did not find expected <document start>",
                    token.start,
                ));
            }
            self.states.push(State::DocumentEnd);
            self.state = State::DocumentContent;
            self.skip();
            return Ok(event(
                EventKind::DocumentStart { version, tags },
                start,
                token.end,
            ));
        }
        // The stream end.
        self.state = State::End;
        self.skip();
        Ok(event(EventKind::StreamEnd, token.start, token.end))
    }

    fn parse_document_content(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if matches!(
            token.kind,
            Kind::VersionDirective
                | Kind::TagDirective
                | Kind::DocumentStart
                | Kind::DocumentEnd
                | Kind::StreamEnd
        ) {
            self.pop_state();
            return Ok(empty_scalar(token.start));
        }
        self.parse_node(true, false)
    }

    fn parse_document_end(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        let start = token.start;
        let mut end = token.start;
        let mut implicit = true;
        if token.kind == Kind::DocumentEnd {
            end = token.end;
            self.skip();
            implicit = false;
        }
        self.tag_directives.clear();
        self.state = State::DocumentStart;
        Ok(event(EventKind::DocumentEnd { implicit }, start, end))
    }

    /// `yaml_parser_parse_node`: a node with its anchor and tag.
    fn parse_node(&mut self, block: bool, indentless_sequence: bool) -> Fallible<Event<'a>> {
        let mut token = self.peek()?;
        if token.kind == Kind::Alias {
            self.pop_state();
            let TokenKind::Alias(anchor) = self.take().kind else {
                return Err(out_of_step(token.start));
            };
            return Ok(event(EventKind::Alias { anchor }, token.start, token.end));
        }

        let mut start = token.start;
        let mut end = token.start;
        let mut anchor = None;
        let mut tag_parts: Option<(Cow<'a, str>, Cow<'a, str>)> = None;
        let mut tag_mark = Mark::default();
        if token.kind == Kind::Anchor {
            anchor = self.take_anchor();
            start = token.start;
            end = token.end;
            token = self.peek()?;
            if token.kind == Kind::Tag {
                tag_parts = self.take_tag();
                tag_mark = token.start;
                end = token.end;
                token = self.peek()?;
            }
        } else if token.kind == Kind::Tag {
            tag_parts = self.take_tag();
            start = token.start;
            tag_mark = token.start;
            end = token.end;
            token = self.peek()?;
            if token.kind == Kind::Anchor {
                anchor = self.take_anchor();
                end = token.end;
                token = self.peek()?;
            }
        }

        let mut tag: Option<Cow<'a, str>> = None;
        if let Some((handle, suffix)) = tag_parts {
            if handle.is_empty() {
                tag = Some(suffix).filter(|t| !t.is_empty());
            } else {
                tag = self
                    .tag_directives
                    .iter()
                    .find(|d| d.handle == handle)
                    .map(|d| Cow::<str>::Owned(format!("{}{}", d.prefix, suffix)))
                    .filter(|t| !t.is_empty());
                if tag.is_none() {
                    return Err(Error::parser(
                        "while parsing a node",
                        start,
                        "found undefined tag handle",
                        tag_mark,
                    ));
                }
            }
        }

        let implicit = tag.is_none();
        if indentless_sequence && token.kind == Kind::BlockEntry {
            end = token.end;
            self.state = State::IndentlessSequenceEntry;
            let kind = EventKind::SequenceStart {
                anchor,
                tag,
                implicit,
                style: SequenceStyle::Block,
            };
            return Ok(event(kind, start, end));
        }
        match token.kind {
            Kind::Scalar => {
                end = token.end;
                let TokenKind::Scalar { value, style } = self.take().kind else {
                    return Err(out_of_step(token.start));
                };
                let plain_implicit =
                    (tag.is_none() && style == ScalarStyle::Plain) || tag.as_deref() == Some("!");
                let quoted_implicit = !plain_implicit && tag.is_none();
                self.pop_state();
                let kind = EventKind::Scalar {
                    anchor,
                    tag,
                    value,
                    plain_implicit,
                    quoted_implicit,
                    style,
                };
                Ok(event(kind, start, end))
            }
            Kind::FlowSequenceStart => {
                end = token.end;
                self.state = State::FlowSequenceFirstEntry;
                let kind = EventKind::SequenceStart {
                    anchor,
                    tag,
                    implicit,
                    style: SequenceStyle::Flow,
                };
                Ok(event(kind, start, end))
            }
            Kind::FlowMappingStart => {
                end = token.end;
                self.state = State::FlowMappingFirstKey;
                let kind = EventKind::MappingStart {
                    anchor,
                    tag,
                    implicit,
                    style: MappingStyle::Flow,
                };
                Ok(event(kind, start, end))
            }
            Kind::BlockSequenceStart if block => {
                end = token.end;
                self.state = State::BlockSequenceFirstEntry;
                let kind = EventKind::SequenceStart {
                    anchor,
                    tag,
                    implicit,
                    style: SequenceStyle::Block,
                };
                Ok(event(kind, start, end))
            }
            Kind::BlockMappingStart if block => {
                end = token.end;
                self.state = State::BlockMappingFirstKey;
                let kind = EventKind::MappingStart {
                    anchor,
                    tag,
                    implicit,
                    style: MappingStyle::Block,
                };
                Ok(event(kind, start, end))
            }
            _ if anchor.is_some() || tag.is_some() => {
                // Properties without content: an empty scalar.
                self.pop_state();
                let kind = EventKind::Scalar {
                    anchor,
                    tag,
                    value: Cow::Borrowed(""),
                    plain_implicit: implicit,
                    quoted_implicit: false,
                    style: ScalarStyle::Plain,
                };
                Ok(event(kind, start, end))
            }
            _ => {
                let context = if block {
                    "while parsing a block node"
                } else {
                    "while parsing a flow node"
                };
                Err(Error::parser(
                    context,
                    start,
                    "did not find expected node content",
                    token.start,
                ))
            }
        }
    }

    fn take_anchor(&mut self) -> Option<Cow<'a, str>> {
        match self.take().kind {
            TokenKind::Anchor(name) => Some(name),
            _ => None,
        }
    }

    fn take_tag(&mut self) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        match self.take().kind {
            TokenKind::Tag { handle, suffix } => Some((handle, suffix)),
            _ => None,
        }
    }

    fn parse_block_sequence_entry(&mut self, first: bool) -> Fallible<Event<'a>> {
        if first {
            let token = self.peek()?;
            self.marks.push(token.start);
            self.skip();
        }
        let token = self.peek()?;
        if token.kind == Kind::BlockEntry {
            let mark = token.end;
            self.skip();
            let token = self.peek()?;
            if token.kind != Kind::BlockEntry && token.kind != Kind::BlockEnd {
                self.states.push(State::BlockSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::BlockSequenceEntry;
            return Ok(empty_scalar(mark));
        }
        if token.kind == Kind::BlockEnd {
            self.pop_state();
            self.pop_mark();
            self.skip();
            return Ok(event(EventKind::SequenceEnd, token.start, token.end));
        }
        let context_mark = self.pop_mark();
        Err(Error::parser(
            "while parsing a block collection",
            context_mark,
            "did not find expected '-' indicator",
            token.start,
        ))
    }

    fn parse_indentless_sequence_entry(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if token.kind == Kind::BlockEntry {
            let mark = token.end;
            self.skip();
            let token = self.peek()?;
            if !matches!(
                token.kind,
                Kind::BlockEntry | Kind::Key | Kind::Value | Kind::BlockEnd
            ) {
                self.states.push(State::IndentlessSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::IndentlessSequenceEntry;
            return Ok(empty_scalar(mark));
        }
        self.pop_state();
        Ok(event(EventKind::SequenceEnd, token.start, token.start))
    }

    fn parse_block_mapping_key(&mut self, first: bool) -> Fallible<Event<'a>> {
        if first {
            let token = self.peek()?;
            self.marks.push(token.start);
            self.skip();
        }
        let token = self.peek()?;
        if token.kind == Kind::Key {
            let mark = token.end;
            self.skip();
            let token = self.peek()?;
            if !matches!(token.kind, Kind::Key | Kind::Value | Kind::BlockEnd) {
                self.states.push(State::BlockMappingValue);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingValue;
            return Ok(empty_scalar(mark));
        }
        if token.kind == Kind::BlockEnd {
            self.pop_state();
            self.pop_mark();
            self.skip();
            return Ok(event(EventKind::MappingEnd, token.start, token.end));
        }
        let context_mark = self.pop_mark();
        Err(Error::parser(
            "while parsing a block mapping",
            context_mark,
            "did not find expected key",
            token.start,
        ))
    }

    fn parse_block_mapping_value(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if token.kind == Kind::Value {
            let mark = token.end;
            self.skip();
            let token = self.peek()?;
            if !matches!(token.kind, Kind::Key | Kind::Value | Kind::BlockEnd) {
                self.states.push(State::BlockMappingKey);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingKey;
            return Ok(empty_scalar(mark));
        }
        self.state = State::BlockMappingKey;
        Ok(empty_scalar(token.start))
    }

    fn parse_flow_sequence_entry(&mut self, first: bool) -> Fallible<Event<'a>> {
        if first {
            let token = self.peek()?;
            self.marks.push(token.start);
            self.skip();
        }
        let mut token = self.peek()?;
        if token.kind != Kind::FlowSequenceEnd {
            if !first {
                if token.kind == Kind::FlowEntry {
                    self.skip();
                    token = self.peek()?;
                } else {
                    let context_mark = self.pop_mark();
                    return Err(Error::parser(
                        "while parsing a flow sequence",
                        context_mark,
                        "did not find expected ',' or ']'",
                        token.start,
                    ));
                }
            }
            if token.kind == Kind::Key {
                self.state = State::FlowSequenceEntryMappingKey;
                self.skip();
                let kind = EventKind::MappingStart {
                    anchor: None,
                    tag: None,
                    implicit: true,
                    style: MappingStyle::Flow,
                };
                return Ok(event(kind, token.start, token.end));
            } else if token.kind != Kind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntry);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.pop_mark();
        self.skip();
        Ok(event(EventKind::SequenceEnd, token.start, token.end))
    }

    fn parse_flow_sequence_entry_mapping_key(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if !matches!(
            token.kind,
            Kind::Value | Kind::FlowEntry | Kind::FlowSequenceEnd
        ) {
            self.states.push(State::FlowSequenceEntryMappingValue);
            return self.parse_node(false, false);
        }
        let mark = token.end;
        self.skip();
        self.state = State::FlowSequenceEntryMappingValue;
        Ok(empty_scalar(mark))
    }

    fn parse_flow_sequence_entry_mapping_value(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if token.kind == Kind::Value {
            self.skip();
            let token = self.peek()?;
            if token.kind != Kind::FlowEntry && token.kind != Kind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntryMappingEnd);
                return self.parse_node(false, false);
            }
        }
        // go-yaml reports the empty value at the token peeked first.
        self.state = State::FlowSequenceEntryMappingEnd;
        Ok(empty_scalar(token.start))
    }

    fn parse_flow_sequence_entry_mapping_end(&mut self) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        self.state = State::FlowSequenceEntry;
        Ok(event(EventKind::MappingEnd, token.start, token.start))
    }

    fn parse_flow_mapping_key(&mut self, first: bool) -> Fallible<Event<'a>> {
        if first {
            let token = self.peek()?;
            self.marks.push(token.start);
            self.skip();
        }
        let mut token = self.peek()?;
        if token.kind != Kind::FlowMappingEnd {
            if !first {
                if token.kind == Kind::FlowEntry {
                    self.skip();
                    token = self.peek()?;
                } else {
                    let context_mark = self.pop_mark();
                    return Err(Error::parser(
                        "while parsing a flow mapping",
                        context_mark,
                        "did not find expected ',' or '}'",
                        token.start,
                    ));
                }
            }
            if token.kind == Kind::Key {
                self.skip();
                let token = self.peek()?;
                if !matches!(
                    token.kind,
                    Kind::Value | Kind::FlowEntry | Kind::FlowMappingEnd
                ) {
                    self.states.push(State::FlowMappingValue);
                    return self.parse_node(false, false);
                }
                self.state = State::FlowMappingValue;
                return Ok(empty_scalar(token.start));
            } else if token.kind != Kind::FlowMappingEnd {
                self.states.push(State::FlowMappingEmptyValue);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.pop_mark();
        self.skip();
        Ok(event(EventKind::MappingEnd, token.start, token.end))
    }

    fn parse_flow_mapping_value(&mut self, empty: bool) -> Fallible<Event<'a>> {
        let token = self.peek()?;
        if empty {
            self.state = State::FlowMappingKey;
            return Ok(empty_scalar(token.start));
        }
        if token.kind == Kind::Value {
            self.skip();
            let token = self.peek()?;
            if token.kind != Kind::FlowEntry && token.kind != Kind::FlowMappingEnd {
                self.states.push(State::FlowMappingKey);
                return self.parse_node(false, false);
            }
            self.state = State::FlowMappingKey;
            return Ok(empty_scalar(token.start));
        }
        self.state = State::FlowMappingKey;
        Ok(empty_scalar(token.start))
    }

    /// `yaml_parser_process_directives`: the `%YAML` and `%TAG` directives
    /// before a document, then the default tag handles.
    fn process_directives(
        &mut self,
    ) -> Fallible<(Option<VersionDirective>, Vec<TagDirective<'a>>)> {
        let mut version: Option<VersionDirective> = None;
        let mut tags = Vec::new();
        let mut token = self.peek()?;
        while matches!(token.kind, Kind::VersionDirective | Kind::TagDirective) {
            match self.take().kind {
                TokenKind::VersionDirective { major, minor } => {
                    if version.is_some() {
                        return Err(Error::parser(
                            "",
                            Mark::default(),
                            "found duplicate %YAML directive",
                            token.start,
                        ));
                    }
                    if major != 1 || minor != 1 {
                        return Err(Error::parser(
                            "",
                            Mark::default(),
                            "found incompatible YAML document",
                            token.start,
                        ));
                    }
                    version = Some(VersionDirective { major, minor });
                }
                TokenKind::TagDirective { handle, prefix } => {
                    let directive = TagDirective { handle, prefix };
                    self.append_tag_directive(directive.clone(), false, token.start)?;
                    tags.push(directive);
                }
                _ => {}
            }
            token = self.peek()?;
        }
        for directive in default_tag_directives() {
            self.append_tag_directive(directive, true, token.start)?;
        }
        Ok((version, tags))
    }

    fn append_tag_directive(
        &mut self,
        directive: TagDirective<'a>,
        allow_duplicates: bool,
        mark: Mark,
    ) -> Fallible<()> {
        if self
            .tag_directives
            .iter()
            .any(|d| d.handle == directive.handle)
        {
            if allow_duplicates {
                return Ok(());
            }
            return Err(Error::parser(
                "",
                Mark::default(),
                "found duplicate %TAG directive",
                mark,
            ));
        }
        self.tag_directives.push(directive);
        Ok(())
    }
}

/// The token taken is not the one peeked: cannot happen, but is an error
/// rather than a panic.
fn out_of_step(mark: Mark) -> Box<Error> {
    Error::parser(
        "",
        Mark::default(),
        "internal error: token out of step",
        mark,
    )
}

fn event(kind: EventKind<'_>, start: Mark, end: Mark) -> Event<'_> {
    Event { kind, start, end }
}

/// go-yaml's `yaml_parser_process_empty_scalar`: the plain empty scalar
/// standing for a missing node.
fn empty_scalar<'a>(mark: Mark) -> Event<'a> {
    event(
        EventKind::Scalar {
            anchor: None,
            tag: None,
            value: Cow::Borrowed(""),
            plain_implicit: true,
            quoted_implicit: false,
            style: ScalarStyle::Plain,
        },
        mark,
        mark,
    )
}

impl<'a> Iterator for Parser<'a> {
    type Item = Result<Event<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_event().transpose()
    }
}
