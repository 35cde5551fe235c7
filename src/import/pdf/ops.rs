//! A content stream's operators, tokenized by hayro-syntax and kept as
//! owned values (a form XObject's are decoded once per document and run as
//! often as it is drawn).

use hayro_syntax::content::UntypedIter;
use hayro_syntax::object::Object;

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand {
    /// A number.
    Number(f64),
    /// A name, without its slash.
    Name(Vec<u8>),
    /// A string's bytes (escapes and hex undone).
    String(Vec<u8>),
    /// An array (the operand of `TJ`).
    Array(Vec<Operand>),
    /// A dictionary (the properties of `BDC`): its `ActualText` string's
    /// bytes, if it has one.
    Properties(Option<Vec<u8>>),
    /// Anything else (booleans, null, dictionaries).
    Other,
}

impl Operand {
    /// The number, if it is one.
    pub(super) fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The name's bytes, if it is one.
    pub(super) fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// One operator with its operands.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Operation {
    /// The operator (`Tj`, `re`, …).
    pub(super) operator: String,
    /// Its operands, in order.
    pub(super) operands: Vec<Operand>,
}

/// The operators of a content stream; reading stops at the first thing that
/// is neither an operand nor an operator.
pub(super) fn operations(content: &[u8]) -> Vec<Operation> {
    let mut iter = UntypedIter::new(content);
    let mut out = Vec::new();
    while let Some(op) = iter.next() {
        out.push(Operation {
            operator: String::from_utf8_lossy(&op.operator[..]).into_owned(),
            operands: op.operands().map(operand).collect(),
        });
    }
    out
}

/// An operand as an owned value (arrays nest at most a few levels: deeper
/// ones are kept as [`Operand::Other`]).
fn operand(o: &Object<'_>) -> Operand {
    owned(o, 0)
}

fn owned(o: &Object<'_>, depth: usize) -> Operand {
    match o {
        Object::Number(n) => Operand::Number(n.as_f64()),
        Object::Name(n) => Operand::Name(n.to_vec()),
        Object::String(s) => Operand::String(s.as_bytes().to_vec()),
        Object::Array(a) if depth < 4 => Operand::Array(
            a.iter::<Object<'_>>()
                .map(|item| owned(&item, depth + 1))
                .collect(),
        ),
        Object::Dict(d) => Operand::Properties(
            d.get::<hayro_syntax::object::String<'_>>(b"ActualText".as_slice())
                .map(|t| t.as_bytes().to_vec()),
        ),
        _ => Operand::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_operands_are_read() {
        let ops = operations(b"BT /F1 12 Tf [(A) -250 <0042>] TJ 1 0 0 1 5.5 -3 Tm ET % end");
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "TJ", "Tm", "ET"]);
        assert_eq!(
            ops[1].operands,
            [Operand::Name(b"F1".to_vec()), Operand::Number(12.0)]
        );
        assert_eq!(
            ops[2].operands,
            [Operand::Array(vec![
                Operand::String(b"A".to_vec()),
                Operand::Number(-250.0),
                Operand::String(b"\0B".to_vec()),
            ])]
        );
        assert_eq!(ops[3].operands[4], Operand::Number(5.5));
    }
}
