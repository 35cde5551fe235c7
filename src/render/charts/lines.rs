//! Lines over time: a round's progress by day (how many units had
//! submitted, been returned, been approved by then), each series with its
//! own dash and marker and its last figure written at its end.

use super::{Chart, PATTERNS, WIDTH, escape_html, figure, figure_text, shortened, svg_open};

/// Height of the plot area.
const PLOT: f64 = 200.0;
/// Left margin (the figures of the axis).
const LEFT: f64 = 40.0;
/// Right margin (the series' names at the ends of their lines).
const RIGHT: f64 = 130.0;
/// Top margin.
const TOP: f64 = 14.0;
/// Bottom margin (the dates).
const BOTTOM: f64 = 34.0;

/// The dash of series `i`.
fn dash(i: usize) -> &'static str {
    ["", " stroke-dasharray=\"7 4\"", " stroke-dasharray=\"2 3\""][i % PATTERNS.len()]
}

/// The marker of series `i` at (`x`, `y`).
fn marker(i: usize, x: f64, y: f64) -> String {
    match i % PATTERNS.len() {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#000\"/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"#fff\" stroke=\"#000\"/>",
            x - 3.0,
            y - 3.0
        ),
        _ => format!(
            "<path d=\"M{x:.1} {:.1} l3.5 6 h-7 z\" fill=\"#fff\" stroke=\"#000\"/>",
            y - 4.0
        ),
    }
}

/// `chart` (its categories the days, in order) as lines beside its table.
pub fn lines(chart: &Chart) -> String {
    let height = TOP + PLOT + BOTTOM;
    let n = chart.categories.len();
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b))
        .max(1.0);
    let width = WIDTH - LEFT - RIGHT;
    let x = |i: usize| {
        LEFT + if n > 1 {
            width * i as f64 / (n - 1) as f64
        } else {
            width / 2.0
        }
    };
    let y = |v: f64| TOP + PLOT - PLOT * v / max;
    let desc = format!(
        "折线图，{} 天，从 {} 到 {}；{}；确切数字见下表",
        n,
        chart.categories.first().map_or("", String::as_str),
        chart.categories.last().map_or("", String::as_str),
        chart
            .series
            .iter()
            .take(PATTERNS.len())
            .enumerate()
            .map(|(i, s)| format!("{}（{}）", s.name, ["实线圆点", "虚线方块", "点线三角"][i]))
            .collect::<Vec<_>>()
            .join("、")
    );
    let mut svg = svg_open(chart, height, &desc);
    svg.push_str(&axes(chart, max, &x, &y));
    for (k, s) in chart.series.iter().take(PATTERNS.len()).enumerate() {
        svg.push_str(&series_line(k, s, &x, &y));
    }
    svg.push_str(&end_labels(chart, &x, &y));
    svg.push_str("</svg>");
    figure(chart, &svg)
}

/// The axes: the baseline, the figures 0 and `max`, the first and last
/// days (and the middle one).
fn axes(chart: &Chart, max: f64, x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) -> String {
    let n = chart.categories.len();
    let mut out = format!(
        "<line x1=\"{LEFT}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#000\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{0}\" stroke=\"#000\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{1}\" y2=\"{TOP}\" stroke=\"#999\" stroke-dasharray=\"1 3\"/>\
         <text x=\"{2}\" y=\"{3}\" font-size=\"10\" text-anchor=\"end\">0</text>\
         <text x=\"{2}\" y=\"{4}\" font-size=\"10\" text-anchor=\"end\">{5}</text>",
        y(0.0),
        WIDTH - RIGHT,
        LEFT - 4.0,
        y(0.0) + 3.0,
        TOP + 4.0,
        figure_text(Some(max))
    );
    let mut ticks = vec![0, n.saturating_sub(1)];
    if n > 4 {
        ticks.insert(1, (n - 1) / 2);
    }
    ticks.dedup();
    for i in ticks.into_iter().filter(|&i| i < n) {
        let date = &chart.categories[i];
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x(i),
            y(0.0) + 16.0,
            escape_html(date.get(5..).unwrap_or(date))
        ));
    }
    out
}

/// Series `k`'s line and a marker where its figure changed (its name and
/// last figure are `end_labels`').
fn series_line(
    k: usize,
    s: &super::Series,
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
) -> String {
    let points: Vec<(usize, f64)> = s
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let path: Vec<String> = points
        .iter()
        .map(|&(i, v)| format!("{:.1},{:.1}", x(i), y(v)))
        .collect();
    let mut out = format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.8\"{}/>",
        path.join(" "),
        dash(k)
    );
    let mut before = None;
    for &(i, v) in &points {
        if before != Some(v) {
            out.push_str(&marker(k, x(i), y(v)));
        }
        before = Some(v);
    }
    out
}

/// Vertical distance between two end labels' baselines: a 10 px line
/// and a little air, so that no two overlap.
const LABEL_PITCH: f64 = 12.0;

/// Each series' name and last figure at the end of its line, the labels
/// moved apart as a group where lines end close together (equal counts
/// end on one point), kept in the lines' order from top to bottom.
fn end_labels(chart: &Chart, x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) -> String {
    let mut labels: Vec<(f64, f64, String)> = chart
        .series
        .iter()
        .take(PATTERNS.len())
        .filter_map(|s| {
            let (i, v) = s
                .values
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, v)| v.map(|v| (i, v)))?;
            let text = format!(
                "{} {}",
                escape_html(&shortened(&s.name, 8)),
                figure_text(Some(v))
            );
            Some((x(i) + 8.0, y(v) + 3.0, text))
        })
        .collect();
    labels.sort_by(|a, b| a.1.total_cmp(&b.1));
    spread(&mut labels, TOP + 8.0, TOP + PLOT + 10.0);
    labels
        .iter()
        .map(|(x, y, text)| {
            format!("<text class=\"end\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"10\">{text}</text>")
        })
        .collect()
}

/// Moves baselines (sorted, top first) at least [`LABEL_PITCH`] apart
/// within `top..=bottom`: down from the top first, then up from the bottom
/// where the last ran past it.
fn spread(labels: &mut [(f64, f64, String)], top: f64, bottom: f64) {
    let mut floor = top;
    for l in labels.iter_mut() {
        l.1 = l.1.max(floor);
        floor = l.1 + LABEL_PITCH;
    }
    let mut ceiling = bottom;
    for l in labels.iter_mut().rev() {
        l.1 = l.1.min(ceiling);
        ceiling = l.1 - LABEL_PITCH;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The baselines of the end labels in `svg`, top first.
    fn baselines(svg: &str) -> Vec<f64> {
        let mut out: Vec<f64> = svg
            .split("<text class=\"end\"")
            .skip(1)
            .filter_map(|rest| rest.split("y=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        out.sort_by(f64::total_cmp);
        out
    }

    #[test]
    fn end_labels_of_lines_ending_together_do_not_overlap() {
        let series = |name: &str, v: f64| super::super::Series {
            name: name.into(),
            values: vec![Some(0.0), Some(v)],
        };
        for ends in [
            [5.0, 5.0, 5.0],
            [5.0, 0.0, 5.0],
            [0.0, 0.0, 0.0],
            [9.0, 1.0, 8.9],
        ] {
            let chart = Chart {
                id: "c".into(),
                title: "收集进度".into(),
                unit: "个".into(),
                category_heading: "日期".into(),
                categories: vec!["1月1日".into(), "1月2日".into()],
                series: vec![
                    series("已提交过的单位", ends[0]),
                    series("退回（次）", ends[1]),
                    series("已通过的单位", ends[2]),
                ],
                notes: Vec::new(),
            };
            let svg = lines(&chart);
            let ys = baselines(&svg);
            assert_eq!(ys.len(), 3, "{ends:?}: {ys:?}");
            for w in ys.windows(2) {
                assert!(w[1] - w[0] >= LABEL_PITCH - 0.01, "{ends:?}: {ys:?}");
            }
            assert!(
                ys.iter().all(|y| (TOP..=TOP + PLOT + 10.0).contains(y)),
                "{ys:?}"
            );
        }
    }
}
