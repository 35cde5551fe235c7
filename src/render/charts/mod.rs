//! Charts drawn on the server as inline SVG (issue 65): the county's
//! figures per unit and against last year, and a round's progress over
//! time, for the collection server's pages and the HTML of `compare`.
//!
//! Every chart is a `<figure>` holding the picture and, beside it, the
//! table of its exact figures (the picture is a picture of that table):
//! the SVG has `role="img"` and a `<title>`/`<desc>` naming what it shows,
//! each series has its own fill pattern or line dash and marker, and every
//! bar carries its figure as text, so that it reads without colour, prints
//! in black and white and needs no script, font or network.

pub mod bars;
pub mod lines;

use crate::render::escape::escape_html;

/// One series of a chart: a name and a figure per category (`None`:
/// unknown, drawn as nothing and written 未知).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name (`2025 年度`).
    pub name: String,
    /// Its figure per category.
    pub values: Vec<Option<f64>>,
}

/// A chart: categories (units, kinds, days), up to three series, and a
/// note per category pointing out a striking change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// The element id of the figure (ids inside it are made from it).
    pub id: String,
    /// Its caption.
    pub title: String,
    /// The unit of its figures (`件`, `万元`).
    pub unit: String,
    /// The heading of the categories' column (`单位`).
    pub category_heading: String,
    /// The categories, in order.
    pub categories: Vec<String>,
    /// The series (at most [`PATTERNS`]'s length are drawn).
    pub series: Vec<Series>,
    /// Per category, a striking change to point out (empty: none).
    pub notes: Vec<String>,
}

/// The fills of the series, in order: solid dark, hatched, dotted.
pub const PATTERNS: [&str; 3] = ["solid", "hatch", "dots"];

/// A figure as written: whole numbers without decimals, others with up to
/// four, unknown as 未知.
pub fn figure_text(value: Option<f64>) -> String {
    match value {
        None => "未知".to_string(),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => {
            let text = format!("{v:.4}");
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

/// The `<defs>` of the series' fills, their ids prefixed by `id`.
fn defs(id: &str) -> String {
    format!(
        "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>\
         <rect width=\"2.5\" height=\"6\" fill=\"#222\"/></pattern>\
         <pattern id=\"{id}-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#222\"/>\
         </pattern></defs>"
    )
}

/// The fill of series `i`.
fn fill(id: &str, i: usize) -> String {
    match PATTERNS[i % PATTERNS.len()] {
        "solid" => "#333".to_string(),
        other => format!("url(#{id}-{other})"),
    }
}

/// The table of `chart`'s exact figures: a row per category, a column per
/// series, and the note of a striking change.
pub fn table(chart: &Chart) -> String {
    let mut out = format!(
        "<table class=\"chart-figures\" id=\"{}-table\"><caption>{}（{}）</caption><thead><tr><th scope=\"col\">{}</th>",
        escape_html(&chart.id),
        escape_html(&chart.title),
        escape_html(&chart.unit),
        escape_html(&chart.category_heading)
    );
    for s in &chart.series {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(&s.name)));
    }
    let noted = chart.notes.iter().any(|n| !n.is_empty());
    if noted {
        out.push_str("<th scope=\"col\">显著变化</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (i, category) in chart.categories.iter().enumerate() {
        let note = chart.notes.get(i).map_or("", String::as_str);
        let mark = if note.is_empty() {
            ""
        } else {
            " class=\"striking\""
        };
        out.push_str(&format!(
            "<tr{mark}><th scope=\"row\">{}</th>",
            escape_html(category)
        ));
        for s in &chart.series {
            let v = s.values.get(i).copied().flatten();
            out.push_str(&format!("<td class=\"num\">{}</td>", figure_text(v)));
        }
        if noted {
            out.push_str(&format!("<td>{}</td>", escape_html(note)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// `chart` drawn by `svg` beside its table, as one `<figure>`.
fn figure(chart: &Chart, svg: &str) -> String {
    format!(
        "<figure class=\"chart\" id=\"{}\">{svg}{}</figure>",
        escape_html(&chart.id),
        table(chart)
    )
}

/// The legend of the series: a swatch and the name of each.
fn legend(chart: &Chart, y: f64) -> String {
    let id = escape_html(&chart.id);
    let mut out = String::new();
    let mut x = 8.0;
    for (i, s) in chart.series.iter().take(PATTERNS.len()).enumerate() {
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\" stroke=\"#000\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            y - 9.0,
            fill(&id, i),
            x + 18.0,
            y,
            escape_html(&s.name)
        ));
        x += 30.0 + 12.0 * s.name.chars().count() as f64;
    }
    out
}

/// The opening of a chart's SVG: its size, its accessible name (`title`)
/// and description (`desc`), the fills.
fn svg_open(chart: &Chart, height: f64, desc: &str) -> String {
    let id = escape_html(&chart.id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart-svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape_html(&chart.title),
        escape_html(desc),
        defs(&id)
    )
}

/// The width of every chart, in CSS pixels (scaled down on a narrow page).
pub const WIDTH: f64 = 640.0;

/// `text` cut to `max` characters with an ellipsis.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// The style of the charts and their tables, for a page's `<style>`.
pub const STYLE: &str = include_str!("charts.css");

#[cfg(test)]
mod tests;
