//! Narrative Markdown as paragraphs of styled runs: the same blocks as
//! [`document::blocks`](crate::render::document::blocks), with bold and
//! emphasis kept as run formatting instead of being dropped.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::runs::RunStyle;

/// A paragraph of narrative: a sub-heading (level 2–4) or body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Para {
    /// `Some(level)` for a heading, as in [`crate::render::document::Block`].
    pub heading: Option<u8>,
    /// For a list item's first paragraph: how deep its list is nested
    /// (0: not inside another list), as `Block::Item`'s `depth`.
    pub list_depth: Option<usize>,
    /// The text in runs of one style each.
    pub runs: Vec<(String, RunStyle)>,
}

impl Para {
    /// The text without formatting.
    #[cfg(test)]
    pub(super) fn text(&self) -> String {
        self.runs.iter().map(|(t, _)| t.as_str()).collect()
    }
}

#[derive(Default)]
struct Builder {
    out: Vec<Para>,
    runs: Vec<(String, RunStyle)>,
    style: RunStyle,
    strong: usize,
    emphasis: usize,
    /// The depth of the list whose item's first paragraph is being read.
    item: Option<usize>,
}

impl Builder {
    fn push(&mut self, text: &str) {
        self.style = RunStyle {
            bold: self.strong > 0,
            italic: self.emphasis > 0,
            run_in: false,
        };
        match self.runs.last_mut() {
            Some((t, s)) if *s == self.style => t.push_str(text),
            _ => self.runs.push((text.to_string(), self.style)),
        }
    }

    /// Ends the paragraph: surrounding white space trimmed, empty ones dropped.
    fn flush(&mut self, heading: Option<u8>) {
        let mut runs = std::mem::take(&mut self.runs);
        if let Some((t, _)) = runs.first_mut() {
            *t = t.trim_start().to_string();
        }
        if let Some((t, _)) = runs.last_mut() {
            *t = t.trim_end().to_string();
        }
        runs.retain(|(t, _)| !t.is_empty());
        // A bold （二） opening a body paragraph is a run-in heading.
        if heading.is_none()
            && let Some((t, s)) = runs.first_mut()
            && s.bold
            && crate::render::document::is_run_in_heading(t, &(0..t.len()))
        {
            s.run_in = true;
            s.bold = false;
        }
        let list_depth = self.item.take();
        if !runs.is_empty() {
            self.out.push(Para {
                heading,
                list_depth,
                runs,
            });
        }
    }
}

/// Parses narrative Markdown into paragraphs. Raw HTML stays literal text.
pub(super) fn paragraphs(markdown: &str) -> Vec<Para> {
    let mut b = Builder::default();
    let mut heading: Option<u8> = None;
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Cells begun in the current table row.
    let mut cells = 0;
    // The links open: address, and their text so far.
    let mut links: Vec<(String, String)> = Vec::new();
    let markdown = crate::model::emphasis::prepare(markdown);
    for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
        if let Event::Text(t) | Event::Code(t) = &event {
            for (_, so_far) in &mut links {
                so_far.push_str(&crate::model::emphasis::strip(t));
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.flush(None);
                heading = Some(match level {
                    HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    _ => 4,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                b.flush(heading);
                heading = None;
            }
            Event::End(TagEnd::Paragraph) if lists.is_empty() => b.flush(None),
            Event::Start(Tag::List(start)) => {
                b.flush(None);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                b.flush(None);
                // The item's mark by its list's depth, as the PDF's
                // (`layout::list`).
                let depth = lists.len().saturating_sub(1);
                if let Some(number) = lists.last_mut() {
                    b.push(&crate::render::layout::list::mark(*number, depth));
                    if let Some(n) = number {
                        *n += 1;
                    }
                    b.item = Some(depth);
                }
            }
            Event::End(TagEnd::Item) => b.flush(None),
            Event::Start(Tag::Strong) => b.strong += 1,
            Event::End(TagEnd::Strong) => b.strong = b.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => b.emphasis += 1,
            Event::End(TagEnd::Emphasis) => b.emphasis = b.emphasis.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                b.push(&crate::model::emphasis::strip(&t))
            }
            Event::HardBreak => b.push("\n"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = links.pop()
                    && let Some(address) = crate::render::document::printed_address(&url, &text)
                {
                    b.push(&address);
                }
            }
            Event::Start(Tag::TableCell) => {
                if cells > 0 {
                    b.push(crate::render::document::TABLE_CELL_GAP);
                }
                cells += 1;
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                b.flush(None);
                cells = 0;
            }
            Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::CodeBlock) => b.flush(None),
            _ => {}
        }
    }
    b.flush(heading);
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::{Block, blocks};

    #[test]
    fn a_link_prints_its_address_as_the_pdf_does() {
        let md = "详见**[公开指南](https://www.gov.cn/zw?id=1)**和<http://x.cn>。";
        let text: String = paragraphs(md)[0]
            .runs
            .iter()
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            text,
            "详见公开指南（https://www.gov.cn/zw?id=1）和http://x.cn。"
        );
        assert_eq!(text, blocks(md)[0].text(), "{:?}", blocks(md));
    }

    #[test]
    fn a_bold_enumerator_opening_a_paragraph_is_a_run_in_heading() {
        let p = paragraphs("**（二）人大代表建议**。本年度办理21件，**全部**办结。\n");
        let (first, style) = &p[0].runs[0];
        assert_eq!(first, "（二）人大代表建议");
        assert!(style.run_in && !style.bold);
        assert!(
            p[0].runs
                .iter()
                .any(|(t, s)| t == "全部" && s.bold && !s.run_in)
        );
        let p = paragraphs("**重点工作**。本年度办理21件。\n");
        assert!(p[0].runs[0].1.bold && !p[0].runs[0].1.run_in);
    }

    #[test]
    fn bold_and_emphasis_become_run_styles() {
        let p = paragraphs("本年度**新增**公开*事项*。");
        assert_eq!(p.len(), 1);
        let styles: Vec<(&str, bool, bool)> = p[0]
            .runs
            .iter()
            .map(|(t, s)| (t.as_str(), s.bold, s.italic))
            .collect();
        assert_eq!(
            styles,
            [
                ("本年度", false, false),
                ("新增", true, false),
                ("公开", false, false),
                ("事项", false, true),
                ("。", false, false)
            ]
        );
    }

    #[test]
    fn same_blocks_as_the_pdf() {
        let md = "第一段\n接续。\n\n### （一）标题\n\n<b>粗</b>体\n\n1. 甲\n2. 乙\n\n- 丙\n\n#### 1.小标题\n\n> 引用\n\n**全粗**\n\n| 项目 | 数量 |\n| --- | --- |\n| **培训** | 3次 |\n|  | 2次 |";
        let ours: Vec<(Option<u8>, String)> = paragraphs(md)
            .iter()
            .map(|p| (p.heading, p.text()))
            .collect();
        let pdf: Vec<(Option<u8>, String)> = blocks(md)
            .into_iter()
            .map(|b| match b {
                Block::Heading { level, text } => (Some(level), text),
                Block::Paragraph(text)
                | Block::Emphasized { text, .. }
                | Block::Item { text, .. } => (None, text),
            })
            .collect();
        assert_eq!(ours, pdf);
    }
}
