//! Horizontal grouped bars: a row of bars per category (a unit, a kind of
//! outcome), one bar per series, each with its figure written after it; a
//! category with a striking change carries ▲ before its name.

use super::{
    Chart, PATTERNS, WIDTH, escape_html, figure, figure_text, fill, legend, shortened, svg_open,
};

/// Height of one bar.
const BAR: f64 = 12.0;
/// Space between two categories.
const GAP: f64 = 10.0;
/// Width of the categories' names.
const LABEL: f64 = 180.0;
/// Room left after the longest bar for its figure.
const FIGURE_ROOM: f64 = 80.0;
/// Height of the legend above the bars.
const TOP: f64 = 28.0;
/// Characters of a category's name shown in the picture (the table has
/// it whole).
const NAME_CHARS: usize = 13;

/// `chart` as horizontal grouped bars beside its table.
pub fn bars(chart: &Chart) -> String {
    let series = chart.series.len().clamp(1, PATTERNS.len());
    let group = series as f64 * BAR + GAP;
    let height = TOP + group * chart.categories.len() as f64 + 8.0;
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let scale = if max > 0.0 {
        (WIDTH - LABEL - FIGURE_ROOM) / max
    } else {
        0.0
    };
    let desc = format!(
        "横向条形图，{} 个{}，{}；确切数字见下表",
        chart.categories.len(),
        chart.category_heading,
        chart
            .series
            .iter()
            .take(series)
            .enumerate()
            .map(|(i, s)| format!("{}（{}）", s.name, pattern_words(i)))
            .collect::<Vec<_>>()
            .join("、")
    );
    let mut svg = svg_open(chart, height, &desc);
    svg.push_str(&legend(chart, 16.0));
    for (i, category) in chart.categories.iter().enumerate() {
        let top = TOP + group * i as f64;
        svg.push_str(&row(chart, i, category, top, scale));
    }
    svg.push_str(&format!(
        "<line x1=\"{LABEL}\" y1=\"{TOP}\" x2=\"{LABEL}\" y2=\"{}\" stroke=\"#000\"/></svg>",
        height - 8.0
    ));
    figure(chart, &svg)
}

/// How series `i` is drawn, in words.
fn pattern_words(i: usize) -> &'static str {
    match PATTERNS[i % PATTERNS.len()] {
        "solid" => "深色实心条",
        "hatch" => "斜线条",
        _ => "圆点条",
    }
}

/// The name and bars of category `i`, from `top`.
fn row(chart: &Chart, i: usize, category: &str, top: f64, scale: f64) -> String {
    let id = escape_html(&chart.id);
    let striking = chart.notes.get(i).is_some_and(|n| !n.is_empty());
    let name = if striking {
        format!("▲{}", shortened(category, NAME_CHARS - 1))
    } else {
        shortened(category, NAME_CHARS)
    };
    let weight = if striking {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let mut out = format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\"{weight}>{}</text>",
        LABEL - 6.0,
        top + BAR * chart.series.len().min(PATTERNS.len()) as f64 / 2.0 + 4.0,
        escape_html(&name)
    );
    for (k, s) in chart.series.iter().take(PATTERNS.len()).enumerate() {
        let y = top + BAR * k as f64;
        let value = s.values.get(i).copied().flatten();
        let length = value.map_or(0.0, |v| v.max(0.0) * scale);
        if length > 0.0 {
            out.push_str(&format!(
                "<rect x=\"{LABEL}\" y=\"{y}\" width=\"{length:.1}\" height=\"{}\" fill=\"{}\" stroke=\"#000\" stroke-width=\"0.6\"/>",
                BAR - 1.0,
                fill(&id, k)
            ));
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\">{}</text>",
            LABEL + length + 4.0,
            y + BAR - 3.0,
            figure_text(value)
        ));
    }
    out
}
