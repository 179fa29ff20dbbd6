//! Builds the node tree of the first YAML document from parser events, the
//! way go-yaml v2's `parser` does: anchors are registered when their node
//! starts (so a node may alias itself), unknown aliases fail at once, and
//! only the events up to the first document's end are read.

use std::collections::HashMap;

use libyaml_safer::{ErrorKind, EventData, Mark, Parser, ScalarStyle, SequenceStyle};

use super::compat::{Padding, Placeholders, go_only_error, rewrite_for_libyaml};
use super::error::SyntaxError;

/// go-yaml's `max_flow_level` and `max_indents`.
pub(crate) const MAX_DEPTH: usize = 10_000;

pub(crate) type NodeId = usize;

#[derive(Debug)]
pub(crate) enum NodeKind {
    Scalar {
        value: String,
        /// The resolved tag (`tag:yaml.org,2002:str`, `!foo`), empty if none.
        tag: String,
        /// Plain and untagged: subject to implicit typing.
        implicit: bool,
    },
    Sequence(Vec<NodeId>),
    /// Keys and values alternate.
    Mapping(Vec<NodeId>),
    Alias {
        name: String,
        target: NodeId,
    },
}

#[derive(Debug)]
pub(crate) struct Node {
    pub kind: NodeKind,
}

/// The nodes of one document; `root` is `None` for an empty stream.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
}

impl Document {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }
}

/// A collection being filled.
struct Open {
    id: NodeId,
    items: Vec<NodeId>,
    flow: bool,
}

/// Parses the first document of `src` (already free of a BOM).
pub(crate) fn compose_first_document(src: &str) -> Result<Document, SyntaxError> {
    // libyaml-safer has `panic!`s on paths C libyaml handles; the known ones
    // are avoided below, and any other must not take the process down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compose(src))).unwrap_or_else(|_| {
        Err(SyntaxError::plain(
            "internal parser failure (libyaml-safer panicked)",
        ))
    })
}

fn compose(src: &str) -> Result<Document, SyntaxError> {
    // libyaml-safer cannot end a block scalar at the very end of the input
    // (it panics where C libyaml reads its NUL terminator): give it a final
    // line break and undo what that break changes (see `Padding`).
    let padded_src;
    let (src, padded) =
        if src.is_empty() || src.ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            (src, false)
        } else {
            padded_src = format!("{src}\n");
            (padded_src.as_str(), true)
        };
    let rewritten = rewrite_for_libyaml(src);
    let src = rewritten.as_ref().map_or(src, |(text, _)| text.as_str());
    let padding = padded.then(|| Padding::new(src));
    let mut input = src.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut composer = Composer {
        src,
        padding,
        placeholders: rewritten.as_ref().map(|(_, ph)| *ph),
        doc: Document::default(),
        anchors: HashMap::new(),
        stack: Vec::new(),
        flow_depth: 0,
        block_depth: 0,
    };
    // Errors go-yaml v2 raises where libyaml reads on; the first one counts
    // once libyaml gets past it (an event or an error at or beyond it).
    let go_only = go_only_error(src, padding);
    let mut next = || {
        let event = parser.parse().map_err(|e| match &go_only {
            Some((at, err))
                if e.kind() != ErrorKind::Reader
                    && e.problem_mark().is_none_or(|m| m.index >= *at) =>
            {
                err.clone()
            }
            _ => convert_error(&e, padding),
        })?;
        match &go_only {
            Some((at, err)) if event.start_mark.index > *at => Err(err.clone()),
            _ => Ok(event),
        }
    };

    // STREAM-START, then DOCUMENT-START or STREAM-END.
    next()?;
    let first = next()?;
    match first.data {
        EventData::StreamEnd => return Ok(composer.doc),
        EventData::DocumentStart {
            version_directive, ..
        } => {
            if let Some(v) = version_directive
                && (v.major != 1 || v.minor != 1)
            {
                return Err(SyntaxError::parser(
                    "found incompatible YAML document",
                    first.start_mark,
                ));
            }
        }
        _ => unreachable_event()?,
    }
    loop {
        let event = next()?;
        if let Some(root) = composer.event(event)? {
            composer.doc.root = Some(root);
            break;
        }
    }
    // go-yaml reads the DOCUMENT-END event too, which can fail.
    next()?;
    Ok(composer.doc)
}

fn unreachable_event<T>() -> Result<T, SyntaxError> {
    Err(SyntaxError::plain("unexpected parser event"))
}

struct Composer<'s> {
    src: &'s str,
    padding: Option<Padding>,
    /// Set when the source was rewritten for libyaml.
    placeholders: Option<Placeholders>,
    doc: Document,
    anchors: HashMap<String, NodeId>,
    stack: Vec<Open>,
    flow_depth: usize,
    block_depth: usize,
}

impl Composer<'_> {
    fn add(&mut self, kind: NodeKind, anchor: Option<String>) -> NodeId {
        let id = self.doc.nodes.len();
        self.doc.nodes.push(Node { kind });
        if let Some(a) = anchor {
            self.anchors.insert(a, id);
        }
        id
    }

    /// Consumes one event inside the document; returns the root node once
    /// it is complete.
    fn event(&mut self, event: libyaml_safer::Event) -> Result<Option<NodeId>, SyntaxError> {
        let mark = event.start_mark;
        let done = match event.data {
            EventData::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                style,
                ..
            } => {
                let value = match self.placeholders {
                    Some(ph) if value.contains([ph.colon, ph.bom]) => {
                        value.replace(ph.colon, ":").replace(ph.bom, "\u{FEFF}")
                    }
                    _ => value,
                };
                let value = match self.padding {
                    Some(pad)
                        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                            && event.end_mark.index >= pad.eof.index =>
                    {
                        pad.unpad_block_scalar(self.src, mark, value)
                    }
                    _ => value,
                };
                let kind = NodeKind::Scalar {
                    value,
                    tag: tag.unwrap_or_default(),
                    implicit: plain_implicit,
                };
                Some(self.add(kind, anchor))
            }
            EventData::Alias { anchor } => {
                let Some(&target) = self.anchors.get(&anchor) else {
                    return Err(SyntaxError::plain(format!(
                        "unknown anchor '{anchor}' referenced"
                    )));
                };
                Some(self.add(
                    NodeKind::Alias {
                        name: anchor,
                        target,
                    },
                    None,
                ))
            }
            EventData::SequenceStart { anchor, style, .. } => {
                let flow = style == SequenceStyle::Flow;
                self.open(NodeKind::Sequence(Vec::new()), anchor, flow, mark)?;
                None
            }
            EventData::MappingStart { anchor, style, .. } => {
                let flow = style == libyaml_safer::MappingStyle::Flow;
                self.open(NodeKind::Mapping(Vec::new()), anchor, flow, mark)?;
                None
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                let Some(open) = self.stack.pop() else {
                    return unreachable_event();
                };
                if open.flow {
                    self.flow_depth -= 1;
                } else {
                    self.block_depth -= 1;
                }
                match &mut self.doc.nodes[open.id].kind {
                    NodeKind::Sequence(items) | NodeKind::Mapping(items) => *items = open.items,
                    _ => return unreachable_event(),
                }
                Some(open.id)
            }
            _ => return unreachable_event(),
        };
        let Some(node) = done else {
            return Ok(None);
        };
        match self.stack.last_mut() {
            Some(parent) => {
                parent.items.push(node);
                Ok(None)
            }
            None => Ok(Some(node)),
        }
    }

    fn open(
        &mut self,
        kind: NodeKind,
        anchor: Option<String>,
        flow: bool,
        mark: Mark,
    ) -> Result<(), SyntaxError> {
        let depth = if flow {
            &mut self.flow_depth
        } else {
            &mut self.block_depth
        };
        *depth += 1;
        if *depth > MAX_DEPTH {
            return Err(SyntaxError::scanner(
                format!("exceeded max depth of {MAX_DEPTH}"),
                mark,
            ));
        }
        let id = self.add(kind, anchor);
        self.stack.push(Open {
            id,
            items: Vec::new(),
            flow,
        });
        Ok(())
    }
}

fn convert_error(e: &libyaml_safer::Error, padding: Option<Padding>) -> SyntaxError {
    let problem = e.problem().to_string();
    // The scanner reports the position where it stopped, which the added
    // break moved to the next line; parser errors at the end report the
    // stream end, which starts a new line either way.
    let scanner = e.kind() == ErrorKind::Scanner;
    // A simple key still open at the end: go-yaml reports a key from an
    // earlier line at the end of the input (as stale), and one from the
    // last line after the stream end's forced new line.
    let stream_end = problem == "could not find expected ':'"
        && padding.is_none_or(|pad| {
            e.context_mark()
                .is_none_or(|key| key.line >= pad.original_end.line)
        });
    let unpad = |m: Mark| match padding {
        Some(pad) if scanner && !stream_end && m.index >= pad.eof.index => pad.original_end,
        _ => m,
    };
    match e.kind() {
        ErrorKind::Scanner | ErrorKind::Parser | ErrorKind::Composer => SyntaxError::from_marks(
            problem,
            e.kind() == ErrorKind::Scanner,
            unpad(e.problem_mark().unwrap_or_default()),
            unpad(e.context_mark().unwrap_or_default()),
        ),
        _ => SyntaxError::plain(problem),
    }
}
