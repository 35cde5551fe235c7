//! The program's own pages (the workbench, the collection server, the
//! comparison, the folder summaries, the preview's additions) as Tera
//! templates compiled into the binary: unlike the report's templates
//! ([`super::templates`]) they cannot be overridden. Every template is
//! autoescaped, so every value a page shows (agency names, file names,
//! remarks) is escaped unless the template marks it `safe`.

use tera::{Context, Tera};

/// The skeleton of a self-contained page (`page.html`): its `title`, its
/// `style`, the block `body`, and a `script` when the context has one.
pub const SKELETON: &str = include_str!("pages/page.html");

/// A compiled set of page templates, by name.
#[derive(Debug)]
pub struct Pages {
    tera: Result<Tera, String>,
}

impl Pages {
    /// Compiles `templates` (name and text; names ending in `.html` are
    /// autoescaped, and every page's name does), with [`SKELETON`] as
    /// `page.html` for a page to extend.
    pub fn new(templates: &[&[(&'static str, &'static str)]]) -> Pages {
        let mut tera = Tera::default();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(super::escape::escape_html_into);
        let skeleton = std::iter::once(("page.html", SKELETON));
        let all = skeleton.chain(templates.iter().flat_map(|set| set.iter().copied()));
        let tera = match tera.add_raw_templates(all) {
            Ok(()) => Ok(tera),
            Err(e) => Err(super::templates::error_text(&e)),
        };
        Pages { tera }
    }

    /// The page `name` rendered with `context`. The templates are the
    /// program's own (the tests render each), so a failure is a fault of
    /// the program: it is shown in place of the page.
    pub fn render(&self, name: &str, context: &Context) -> String {
        let rendered = match &self.tera {
            Ok(tera) => tera
                .render(name, context)
                .map_err(|e| super::templates::error_text(&e)),
            Err(e) => Err(e.clone()),
        };
        rendered.unwrap_or_else(|e| format!("页面模板 {name} 出错（程序错误，请报告）：{e}"))
    }
}

/// `value` as JSON text for inside a `<script>` element: `</` is written
/// `<\/` (the same string in JSON), so that no text in it can end the
/// element early. `value` is a typed boot or a `Value`; one that cannot
/// be serialized (a map whose keys are not strings) is `null`.
pub fn script_json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '<' && chars.peek() == Some(&'/') {
            out.push('\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_json_cannot_end_its_script() {
        let pages = Pages::new(&[&[("p.html", "<p>{{ a }}</p>{{ b | safe }}")]]);
        let mut context = Context::new();
        context.insert("a", "<b>&\"'");
        context.insert("b", &script_json(&serde_json::json!({ "x": "</script>" })));
        assert_eq!(
            pages.render("p.html", &context),
            "<p>&lt;b&gt;&amp;&quot;&#39;</p>{\"x\":\"<\\/script>\"}"
        );
    }

    #[test]
    fn a_broken_template_is_reported_in_place_of_the_page() {
        let pages = Pages::new(&[&[("p.html", "{% if %}")]]);
        assert!(pages.render("p.html", &Context::new()).contains("页面模板"));
    }
}
