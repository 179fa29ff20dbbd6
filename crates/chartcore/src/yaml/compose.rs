//! Builds the node tree of the first YAML document from go-yaml v2's parser
//! events (the `goyaml` port), the way go-yaml's `parser` (yaml.go) does:
//! anchors are registered when their node starts (so a node may alias
//! itself), unknown aliases fail at once, and only the events up to the
//! first document's end are read.

use std::borrow::Cow;
use std::collections::HashMap;

use goyaml::{EventKind, Parser};

use super::error::SyntaxError;

pub(crate) type NodeId = usize;

/// A node's content; text borrows from the source where the parser could.
#[derive(Debug)]
pub(crate) enum NodeKind<'s> {
    Scalar {
        value: Cow<'s, str>,
        /// The resolved tag (`tag:yaml.org,2002:str`, `!foo`), empty if none.
        tag: Cow<'s, str>,
        /// Plain and untagged: subject to implicit typing.
        implicit: bool,
    },
    Sequence(Vec<NodeId>),
    /// Keys and values alternate.
    Mapping(Vec<NodeId>),
    Alias {
        name: Cow<'s, str>,
        target: NodeId,
    },
}

#[derive(Debug)]
pub(crate) struct Node<'s> {
    pub kind: NodeKind<'s>,
}

/// The nodes of one document; `root` is `None` for an empty stream.
#[derive(Debug, Default)]
pub(crate) struct Document<'s> {
    pub nodes: Vec<Node<'s>>,
    pub root: Option<NodeId>,
}

impl<'s> Document<'s> {
    pub fn node(&self, id: NodeId) -> &Node<'s> {
        &self.nodes[id]
    }
}

/// A collection being filled.
struct Open {
    id: NodeId,
    items: Vec<NodeId>,
}

/// Parses the first document of `src` (already free of a BOM).
pub(crate) fn compose_first_document(src: &str) -> Result<Document<'_>, SyntaxError> {
    // go-yaml's `newParser` reads empty input as a single line break.
    let src = if src.is_empty() { "\n" } else { src };
    let mut parser = Parser::new(src);
    let mut next = || match parser.next_event() {
        Ok(Some(event)) => Ok(event.kind),
        // The parser stops after the stream end, which ends any document.
        Ok(None) => Err(SyntaxError::plain(
            "attempted to go past the end of stream; corrupted value?",
        )),
        Err(e) => Err(SyntaxError::from_goyaml(&e)),
    };

    // STREAM-START, then DOCUMENT-START or STREAM-END.
    next()?;
    let mut composer = Composer {
        doc: Document::default(),
        anchors: HashMap::new(),
        stack: Vec::new(),
    };
    match next()? {
        EventKind::StreamEnd => return Ok(composer.doc),
        EventKind::DocumentStart { .. } => {}
        _ => return unexpected_event(),
    }
    loop {
        if let Some(root) = composer.event(next()?)? {
            composer.doc.root = Some(root);
            break;
        }
    }
    // go-yaml reads the DOCUMENT-END event too, which can fail.
    next()?;
    Ok(composer.doc)
}

fn unexpected_event<T>() -> Result<T, SyntaxError> {
    Err(SyntaxError::plain("unexpected parser event"))
}

struct Composer<'s> {
    doc: Document<'s>,
    anchors: HashMap<Cow<'s, str>, NodeId>,
    stack: Vec<Open>,
}

impl<'s> Composer<'s> {
    fn add(&mut self, kind: NodeKind<'s>, anchor: Option<Cow<'s, str>>) -> NodeId {
        let id = self.doc.nodes.len();
        self.doc.nodes.push(Node { kind });
        if let Some(a) = anchor {
            self.anchors.insert(a, id);
        }
        id
    }

    /// Consumes one event inside the document; returns the root node once
    /// it is complete.
    fn event(&mut self, event: EventKind<'s>) -> Result<Option<NodeId>, SyntaxError> {
        let done = match event {
            EventKind::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                ..
            } => {
                let kind = NodeKind::Scalar {
                    value,
                    tag: tag.unwrap_or_default(),
                    implicit: plain_implicit,
                };
                Some(self.add(kind, anchor))
            }
            EventKind::Alias { anchor } => {
                let Some(&target) = self.anchors.get(anchor.as_ref()) else {
                    return Err(SyntaxError::plain(format!(
                        "unknown anchor '{anchor}' referenced"
                    )));
                };
                let kind = NodeKind::Alias {
                    name: anchor,
                    target,
                };
                Some(self.add(kind, None))
            }
            EventKind::SequenceStart { anchor, .. } => {
                self.open(NodeKind::Sequence(Vec::new()), anchor);
                None
            }
            EventKind::MappingStart { anchor, .. } => {
                self.open(NodeKind::Mapping(Vec::new()), anchor);
                None
            }
            EventKind::SequenceEnd | EventKind::MappingEnd => {
                let Some(open) = self.stack.pop() else {
                    return unexpected_event();
                };
                match &mut self.doc.nodes[open.id].kind {
                    NodeKind::Sequence(items) | NodeKind::Mapping(items) => *items = open.items,
                    _ => return unexpected_event(),
                }
                Some(open.id)
            }
            _ => return unexpected_event(),
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

    fn open(&mut self, kind: NodeKind<'s>, anchor: Option<Cow<'s, str>>) {
        let id = self.add(kind, anchor);
        self.stack.push(Open {
            id,
            items: Vec::new(),
        });
    }
}
