//! Where rendered output comes from: a template is executed once more with
//! a marker written before each of its text pieces and actions, so each
//! byte of the output can be traced to the template source that wrote it.
//! Markers are plain text nodes, so the template's logic is unchanged;
//! output of `define`d templates is attributed to the action that included
//! it.

use std::sync::Arc;

use gotemplate::ast::{ListNode, Node, TextNode, Tree};
use gotemplate::{Templates, Value};

/// Brackets a marker number; unlikely in rendered text.
const MARK: char = '\u{0}';

/// What wrote a piece of output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Literal template text starting at this 1-based line and 0-based
    /// byte column.
    Text {
        /// 1-based line of the piece's first byte.
        line: usize,
        /// 0-based byte column of the piece's first byte.
        col: usize,
    },
    /// An action (`{{ ... }}`) or `{{ template }}` call.
    Action {
        /// 1-based line of the action.
        line: usize,
        /// 0-based byte column of the action.
        col: usize,
        /// The action as Go prints it (`{{include "x" .}}`).
        text: String,
    },
}

/// A template's output with the origin of every piece.
#[derive(Clone, Debug)]
pub struct Traced {
    /// The output, as the template renders it (`<no value>` removed).
    pub text: String,
    /// `(start offset in text, origin)`, in output order.
    pub pieces: Vec<(usize, Origin)>,
    /// The template's source.
    pub source: Arc<str>,
}

impl Traced {
    /// The source position (1-based line, 0-based column) of the output
    /// byte at `offset`, and the action that wrote it if it was not
    /// literal text.
    pub fn origin_at(&self, offset: usize) -> Option<(usize, usize, Option<&str>)> {
        let i = self.pieces.partition_point(|(start, _)| *start <= offset);
        let (start, origin) = self.pieces.get(i.checked_sub(1)?)?;
        match origin {
            Origin::Action { line, col, text } => Some((*line, *col, Some(text.as_str()))),
            Origin::Text { line, col } => {
                let before = self.text.get(*start..offset)?;
                let newlines = before.matches('\n').count();
                let col = match before.rfind('\n') {
                    Some(i) => before.len() - i - 1,
                    None => col + before.len(),
                };
                Some((line + newlines, col, None))
            }
        }
    }
}

/// Executes `name` from `set` with markers and splits the output.
pub(super) fn trace(set: &Templates, name: &str, data: &Value) -> Option<Traced> {
    let tree = set.lookup(name)?;
    let mut origins = Vec::new();
    let root = instrument(&tree.root, tree, &mut origins);
    let marked = Tree {
        name: tree.name.clone(),
        parse_name: tree.parse_name.clone(),
        text: tree.text.clone(),
        root,
    };
    let mut set = set.clone();
    set.add_trees(vec![marked]);
    let out = set.execute(name, data).ok()?;
    let mut text = String::with_capacity(out.len());
    let mut pieces = Vec::new();
    let mut parts = out.split(MARK);
    // Output before the first marker (none in practice) has no origin.
    text.push_str(&parts.next()?.replace("<no value>", ""));
    while let (Some(id), Some(chunk)) = (parts.next(), parts.next()) {
        let origin = origins.get(id.parse::<usize>().ok()?)?.clone();
        pieces.push((text.len(), origin));
        text.push_str(&chunk.replace("<no value>", ""));
    }
    Some(Traced {
        text,
        pieces,
        source: tree.text.clone(),
    })
}

/// A copy of `list` with a marker text node before every node that writes output.
fn instrument(list: &ListNode, tree: &Tree, origins: &mut Vec<Origin>) -> ListNode {
    let mut nodes = Vec::with_capacity(list.nodes.len() * 2);
    for node in &list.nodes {
        let origin = match node {
            Node::Text(t) => {
                let (line, col) = tree.location(t.pos);
                Some(Origin::Text { line, col })
            }
            Node::Action(a) => {
                let (line, col) = tree.location(a.pos);
                Some(Origin::Action {
                    line,
                    col,
                    text: node.to_string(),
                })
            }
            Node::Template(t) => {
                let (line, col) = tree.location(t.pos);
                Some(Origin::Action {
                    line,
                    col,
                    text: node.to_string(),
                })
            }
            _ => None,
        };
        if let Some(origin) = origin {
            nodes.push(Node::Text(TextNode {
                pos: list.pos,
                text: format!("{MARK}{}{MARK}", origins.len()).into(),
            }));
            origins.push(origin);
        }
        nodes.push(match node {
            Node::If(b) | Node::Range(b) | Node::With(b) => {
                let mut b = b.clone();
                b.list = instrument(&b.list, tree, origins);
                b.else_list = b.else_list.as_ref().map(|l| instrument(l, tree, origins));
                match node {
                    Node::If(_) => Node::If(b),
                    Node::Range(_) => Node::Range(b),
                    _ => Node::With(b),
                }
            }
            other => other.clone(),
        });
    }
    ListNode {
        pos: list.pos,
        nodes,
    }
}
