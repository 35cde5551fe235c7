use super::*;

fn county() -> Chart {
    Chart {
        id: "received".into(),
        title: "本年新收申请".into(),
        unit: "件".into(),
        category_heading: "单位".into(),
        categories: vec!["某县教育局".into(), "某县<公安>局".into()],
        series: vec![
            Series {
                name: "2025 年度".into(),
                values: vec![Some(12.0), None],
            },
            Series {
                name: "2024 年度".into(),
                values: vec![Some(3.0), Some(0.5)],
            },
        ],
        notes: vec!["增加 9 件（+300%）".into(), String::new()],
    }
}

#[test]
fn bars_carry_their_figures_a_name_and_a_table() {
    let html = bars::bars(&county());
    assert!(
        html.starts_with("<figure class=\"chart\" id=\"received\">"),
        "{html}"
    );
    assert!(html.contains("role=\"img\" aria-labelledby=\"received-title received-desc\""));
    assert!(html.contains("<title id=\"received-title\">本年新收申请</title>"));
    // Escaped everywhere, in the picture and the table.
    assert!(html.contains("某县&lt;公安&gt;局") && !html.contains("<公安>"));
    // Every figure written in the picture and the table; the unknown one too.
    for figure in [">12<", ">3<", ">0.5<", ">未知<"] {
        assert!(html.matches(figure).count() >= 2, "{figure}: {html}");
    }
    assert!(html.contains("▲某县教育局"));
    assert!(html.contains("<tr class=\"striking\"><th scope=\"row\">某县教育局</th>"));
    assert!(html.contains("url(#received-hatch)"));
}

#[test]
fn lines_mark_each_change_and_end_with_the_last_figure() {
    let chart = Chart {
        id: "progress".into(),
        title: "进度".into(),
        unit: "个单位".into(),
        category_heading: "日期".into(),
        categories: vec![
            "2026-01-05".into(),
            "2026-01-06".into(),
            "2026-01-07".into(),
        ],
        series: vec![Series {
            name: "已提交".into(),
            values: vec![Some(1.0), Some(1.0), Some(4.0)],
        }],
        notes: Vec::new(),
    };
    let html = lines::lines(&chart);
    assert_eq!(html.matches("r=\"3\"").count(), 2, "{html}");
    assert!(html.contains(">已提交 4</text>"), "{html}");
    assert!(html.contains(">01-05</text>") && html.contains(">01-07</text>"));
    assert!(!html.contains("显著变化"));
}

#[test]
fn figures_are_written_exactly() {
    assert_eq!(figure_text(Some(3.0)), "3");
    assert_eq!(figure_text(Some(0.125)), "0.125");
    assert_eq!(figure_text(Some(1.10)), "1.1");
    assert_eq!(figure_text(None), "未知");
}
