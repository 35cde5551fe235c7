//! A YAML document as a tree of nodes that remember where they were written.
//!
//! Parsing is done by `serde-saphyr` (duplicate keys are refused, input
//! budgets guard against hostile documents). Scalars keep their raw source
//! text, so that numbers are read exactly (never through `f64`) and numbers
//! too large for `u64` are reported rather than rounded.

use crate::slice::Slice;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::source::{SourceFile, Span};

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// A scalar other than null: its text as the parser resolved it, and
    /// whether it was a plain (unquoted) scalar.
    Scalar {
        /// The scalar's text (for plain scalars, exactly as written).
        text: String,
        /// Whether it was unquoted, so may be read as a number.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Item>),
    /// A mapping, in document order.
    Map(Vec<(Key, Item)>),
}

/// A node with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The node.
    pub node: Node,
    /// Where it was written.
    pub span: Span,
}

/// A mapping key with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key's text.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// A YAML syntax or structure error with its place.
#[derive(Debug, Clone)]
pub struct ParseError {
    /// Message (from the parser; English).
    pub message: String,
    /// Where, if known.
    pub span: Option<Span>,
}

/// Parses a whole document. An empty document is `Node::Null`.
pub fn parse(file: &SourceFile) -> Result<Item, ParseError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
    };
    let raw: Option<Spanned<RawNode>> = serde_saphyr::from_str_with_options(&file.text, options)
        .map_err(|e| {
            let span = e.location().and_then(|l| {
                (l.line() > 0).then(|| {
                    let line = l.line() as u32;
                    let column = l.column() as u32;
                    let offset = l.span().byte_offset().unwrap_or(0) as usize;
                    Span {
                        line,
                        column,
                        offset,
                        len: 0,
                    }
                })
            });
            ParseError {
                message: strip_location(&e.to_string()),
                span,
            }
        })?;
    Ok(match raw {
        None => Item {
            node: Node::Null,
            span: Span::at(1, 1),
        },
        Some(raw) => convert(file, raw),
    })
}

fn strip_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // serde-saphyr prefixes "line L column C: " and some messages end in
    // " at line L, col C"; the place is reported separately.
    let first = match first.find(": ") {
        Some(i) if first.starts_with("line ") => first.slice_from(i + 2),
        _ => first,
    };
    match first.rfind(" at line ") {
        Some(i) => first.slice_to(i).to_string(),
        None => first.to_string(),
    }
}

fn span_of(file: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    let s = loc.span();
    let line = loc.line() as u32;
    let column = loc.column() as u32;
    match (s.byte_offset(), s.byte_len()) {
        (Some(offset), Some(len)) => Span {
            line,
            column,
            offset: offset as usize,
            len: (len as usize).min(file.text.len().saturating_sub(offset as usize)),
        },
        _ => Span::at(line, column),
    }
}

fn convert(file: &SourceFile, raw: Spanned<RawNode>) -> Item {
    let span = span_of(file, &raw.referenced);
    let node = match raw.value {
        RawNode::Null => Node::Null,
        RawNode::Str(s) => Node::Scalar {
            text: s,
            plain: false,
        },
        RawNode::Typed(fallback) => {
            // A plain scalar resolved as bool or number: take the exact source text.
            let text = file
                .text
                .get(span.offset..span.offset + span.len)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .unwrap_or(fallback);
            Node::Scalar { text, plain: true }
        }
        RawNode::Seq(items) => Node::Seq(items.into_iter().map(|i| convert(file, i)).collect()),
        RawNode::Map(entries) => Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key {
                        text: k.value,
                        span: span_of(file, &k.referenced),
                    };
                    (key, convert(file, v))
                })
                .collect(),
        ),
    };
    Item { node, span }
}

/// What serde hands us, before raw texts are looked up.
enum RawNode {
    Null,
    Str(String),
    /// Bool or number; the string is a fallback rendering.
    Typed(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

/// `Visitor` methods that keep a typed scalar (a boolean or a number) as
/// the text it prints as.
macro_rules! visit_typed {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<E>(self, v: $ty) -> Result<RawNode, E> {
                Ok(RawNode::Typed(v.to_string()))
            }
        )*
    };
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    visit_typed! {
        visit_bool: bool,
        visit_i64: i64,
        visit_u64: u64,
        visit_i128: i128,
        visit_u128: u128,
        visit_f64: f64,
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<RawNode, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

impl Item {
    /// The entries if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Item)]> {
        match &self.node {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// A short Chinese name of the node's kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.node {
            Node::Null => "空值",
            Node::Scalar { plain: true, text } if looks_numeric(text) => "数字",
            Node::Scalar { .. } => "文字",
            Node::Seq(_) => "列表",
            Node::Map(_) => "映射",
        }
    }
}

fn looks_numeric(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '+']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Item, ParseError> {
        parse(&SourceFile::new("t.yaml", s))
    }

    #[test]
    fn numbers_keep_their_text() {
        let item = parse_str("a: 76.786078\nb: [1, 99999999999999999999999]\nc: '5'\n").unwrap();
        let m = item.as_map().unwrap();
        assert_eq!(
            m[0].1.node,
            Node::Scalar {
                text: "76.786078".into(),
                plain: true
            }
        );
        let Node::Seq(items) = &m[1].1.node else {
            panic!()
        };
        assert_eq!(
            items[1].node,
            Node::Scalar {
                text: "99999999999999999999999".into(),
                plain: true
            }
        );
        assert_eq!((items[1].span.line, items[1].span.column), (2, 8));
        assert_eq!(
            m[2].1.node,
            Node::Scalar {
                text: "5".into(),
                plain: false
            }
        );
    }

    #[test]
    fn keys_and_values_are_located() {
        let item = parse_str("机关: 某局\n年度: 2024\n").unwrap();
        let m = item.as_map().unwrap();
        assert_eq!((m[1].0.span.line, m[1].0.span.column), (2, 1));
        assert_eq!((m[1].1.span.line, m[1].1.span.column), (2, 5));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse_str("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.span.map(|s| s.line), Some(2), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = "[".repeat(100_000);
        assert!(parse_str(&deep).is_err());
    }
}
