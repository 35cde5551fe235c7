//! The claim reader: a narrative read sentence by sentence into what each
//! sentence says — its topic, the figures it states exact and approximate,
//! what each count stands for in the tables, what it denies for this year,
//! which years it names and which agency it makes the subject of the
//! report's work. NARR reads a text only through this record;
//! `explain --claims` prints it.

use super::approx::{self, Approximation};
use super::elsewhere::{self, Ours};
use super::measure;
use super::negation::{self, Denial};
use super::numbers::{self, Figure};
use super::scope;
use super::sentences::{self, Sentence};
use super::shares::{self, BoundedShare};
use super::topic::{self, Category, Topic};
use crate::find::Find;
use crate::slice::Slice;
use std::ops::Range;

/// What one narrative says, sentence by sentence.
#[derive(Debug, Clone)]
pub(crate) struct Claims {
    /// Every exact figure of the text, in order.
    pub figures: Vec<Figure>,
    /// Every approximate count of the text, in order.
    pub approximations: Vec<Approximation>,
    /// Every share written as a bound or in words, in order.
    pub shares: Vec<BoundedShare>,
    /// The sentences, in order.
    pub sentences: Vec<Said>,
}

/// What one sentence says.
#[derive(Debug, Clone)]
pub(crate) struct Said {
    /// The sentence and the headings it stands under.
    pub sentence: Sentence,
    /// Its text.
    pub text: String,
    /// Whether it is about 政府信息公开 requests.
    pub topic: Topic,
    /// What it says did not happen this year.
    pub denials: Vec<Denial>,
    /// Its exact figures outside its denials, as indices into
    /// [`Claims::figures`].
    pub figures: Vec<usize>,
    /// Its approximate counts, as a range of [`Claims::approximations`].
    pub approximations: Range<usize>,
    /// Its bounded shares (`超过九成`), as a range of [`Claims::shares`].
    pub shares: Range<usize>,
    /// The counts that stand for table figures (on requests only): an
    /// index into [`Claims::figures`] and what it counts.
    pub counted: Vec<(usize, Category)>,
    /// The years it names (`2024年`), in order.
    pub years: Vec<i32>,
    /// The agencies named as the subject of the report's own work
    /// (`某区教育局高度重视…`, `claims::subjects`), as written.
    pub subjects: Vec<String>,
    /// The body other than the report's agency the sentence opens with
    /// (`市住建局`, `全区`, `下属`; `claims::elsewhere`): its figures,
    /// changes and denials are that body's, and none is read.
    pub elsewhere: Option<String>,
}

impl Claims {
    /// The exact figures of `said`.
    pub(crate) fn figures_of(&self, said: &Said) -> Vec<&Figure> {
        said.figures.iter().map(|&i| &self.figures[i]).collect()
    }

    /// The counts of `said` that stand for table figures.
    pub(crate) fn counted_of(&self, said: &Said) -> Vec<measure::Counted<'_>> {
        said.counted
            .iter()
            .map(|&(i, category)| measure::Counted {
                figure: &self.figures[i],
                category,
            })
            .collect()
    }

    /// The approximate counts of `said`.
    pub(crate) fn approximations_of(&self, said: &Said) -> &[Approximation] {
        &self.approximations[said.approximations.clone()]
    }

    /// The bounded shares of `said`.
    pub(crate) fn shares_of(&self, said: &Said) -> &[BoundedShare] {
        &self.shares[said.shares.clone()]
    }
}

/// The figures (indices into `figures`) among `inside` that count table
/// figures, with what they count: `sentence` is the sentence, its text and
/// the sentence before that one opening with 其中 goes on from.
fn counted_in(
    chars: &[char],
    (sentence, text, lead): (&Sentence, &str, Option<&str>),
    figures: &[Figure],
    inside: &[usize],
    year: i32,
) -> Vec<(usize, Category)> {
    let refs: Vec<&Figure> = inside.iter().map(|&i| &figures[i]).collect();
    measure::counts(chars, sentence, text, &refs, year, lead)
        .into_iter()
        .filter_map(|c| {
            let i = inside
                .iter()
                .copied()
                .find(|&i| figures[i].start == c.figure.start)?;
            Some((i, c.category))
        })
        .collect()
}

/// The indices of the items of `all` (in order, each spanning `span`)
/// that stand inside `range`.
fn within<T>(all: &[T], range: &Range<usize>, span: impl Fn(&T) -> (usize, usize)) -> Range<usize> {
    let from = all.partition_point(|a| span(a).0 < range.start);
    let to = all.partition_point(|a| span(a).1 <= range.end);
    from..to.max(from)
}

/// Whether `before` and `sentence` stand in one paragraph under the same
/// headings: one opening with 其中 or 上述 then goes on about `before`.
fn same_paragraph(chars: &[char], before: &Sentence, sentence: &Sentence) -> bool {
    let between = before.range.end..sentence.range.start.max(before.range.end);
    before.headings == sentence.headings && !chars[between].contains(&'\n')
}

/// Reads `chars` (a narrative resolved by `reading::reading`) of the report
/// of `year` by the agency `ours`.
pub(crate) fn read(chars: &[char], year: i32, ours: &Ours) -> Claims {
    let figures = numbers::figures(chars);
    // The subjects, read on the whole text (a name's clause may open a
    // sentence), each placed by its first character.
    let whole: String = chars.iter().take(sentences::MAX_READ_CHARS).collect();
    let named: Vec<(usize, String)> = super::subjects::subjects(&whole)
        .into_iter()
        .map(|n| (whole.slice_to(n.at).chars().count(), n.name))
        .collect();
    let approximations = approx::approximations(chars);
    let bounded = shares::bounded_shares(chars);
    let mut previous = Topic::Unknown;
    let mut out: Vec<Said> = Vec::new();
    for sentence in sentences::split(chars) {
        let text: String = chars[sentence.range.clone()].iter().collect();
        let before = out
            .last()
            .filter(|before| same_paragraph(chars, &before.sentence, &sentence));
        // "全区共收到申请500件。其中予以公开300件。": still the other body's.
        let elsewhere = elsewhere::another_body(&text, ours).or_else(|| {
            before
                .filter(|_| topic::goes_on(&text))
                .and_then(|before| before.elsewhere.clone())
        });
        let topic = topic::topic(&text, &sentence.headings, previous);
        // A denial of requests or cases right after a sentence about them
        // goes on about them ("收到申请6件。无上年结转的申请。").
        let on_requests = topic == Topic::Requests
            || (previous == Topic::Requests
                && ["申请", "复议", "诉讼"].iter().any(|w| text.has_word(w)));
        previous = topic;
        let denials: Vec<Denial> = negation::in_sentence(chars, sentence.range.clone())
            .into_iter()
            .filter(|d| on_requests || !scope::needs_topic(d, &text))
            .filter(|d| !scope::other_work_cases(d, &text))
            .filter(|d| scope::this_year(chars, &sentence, d, year))
            .filter(|_| elsewhere.is_none())
            .collect();
        // Figures are in order: those of the sentence are found, not
        // searched for among all the text's.
        let from = figures.partition_point(|f| f.start < sentence.range.start);
        let to = figures.partition_point(|f| f.start < sentence.range.end);
        let inside: Vec<usize> = (from..to.max(from))
            .filter(|&i| figures[i].end <= sentence.range.end)
            // A figure inside a denial is the zero it states ("行政复议、行政诉讼均为0件").
            .filter(|&i| {
                let f = &figures[i];
                !denials.iter().any(|d| d.start <= f.start && f.end <= d.end)
            })
            .collect();
        let counted = if topic == Topic::Requests && elsewhere.is_none() {
            // Only a sentence of one figure is sure to be what 其中 takes
            // its part from.
            let lead = before
                .filter(|before| before.figures.len() == 1)
                .map(|before| before.text.as_str());
            let sentence = (&sentence, text.as_str(), lead);
            counted_in(chars, sentence, &figures, &inside, year)
        } else {
            Vec::new()
        };
        let near = within(&approximations, &sentence.range, |a| (a.start, a.end));
        let shares = within(&bounded, &sentence.range, |a| (a.start, a.end));
        let years = sentences::years(&text)
            .into_iter()
            .map(|(_, y)| y)
            .collect();
        let mut subjects: Vec<String> = Vec::new();
        for (_, name) in named.iter().filter(|(at, _)| sentence.range.contains(at)) {
            if !subjects.contains(name) {
                subjects.push(name.clone());
            }
        }
        out.push(Said {
            sentence,
            text,
            topic,
            denials,
            figures: inside,
            approximations: near,
            shares,
            counted,
            years,
            subjects,
            elsewhere,
        });
    }
    Claims {
        figures,
        approximations,
        shares: bounded,
        sentences: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text as `reading::reading` gives it: digits made ASCII.
    fn chars(s: &str) -> Vec<char> {
        super::super::reading::ascii_digits(s).chars().collect()
    }

    #[test]
    fn a_sentence_on_requests_has_its_counts_bound_and_its_denials_scoped() {
        let text = chars(
            "本年度共收到政府信息公开申请１２件，结转下年度继续办理2件。\
             本年度未发生行政复议。上年度未收到申请。办理代表建议21件。",
        );
        let c = read(&text, 2025, &Ours::default());
        assert_eq!(c.sentences.len(), 4);
        let first = &c.sentences[0];
        assert_eq!(first.topic, Topic::Requests);
        let counted: Vec<(f64, Category)> = c
            .counted_of(first)
            .iter()
            .map(|k| (k.figure.value, k.category))
            .collect();
        assert_eq!(
            counted,
            [(12.0, Category::Received), (2.0, Category::CarriedOut)]
        );
        // This year's denial is read; last year's is not.
        assert_eq!(c.sentences[1].denials.len(), 1);
        assert!(c.sentences[2].denials.is_empty());
        // Other work's figure is a figure, not a table's count.
        let last = &c.sentences[3];
        assert_eq!(last.figures.len(), 1);
        assert!(last.counted.is_empty());
    }

    #[test]
    fn a_count_including_its_own_reasons_is_the_results() {
        let text = chars(
            "收到申请20件。其他处理6件（含申请人无正当理由逾期不补正2件），\
             共收到申请137件（含咨询7件）。",
        );
        let c = read(&text, 2025, &Ours::default());
        let counted: Vec<(f64, Category)> = c
            .counted_of(&c.sentences[1])
            .iter()
            .map(|k| (k.figure.value, k.category))
            .collect();
        assert!(counted.contains(&(6.0, Category::Result("其他处理"))));
        // What else a total includes is not known: not compared.
        assert!(!counted.iter().any(|(v, _)| *v == 137.0));
    }

    #[test]
    fn the_subject_of_the_work_is_read_in_its_sentence() {
        let text =
            chars("本局按月复核公开目录。某市某区民政局高度重视政务公开工作，及时调整领导小组。");
        let c = read(&text, 2025, &Ours::default());
        assert!(c.sentences[0].subjects.is_empty());
        assert_eq!(c.sentences[1].subjects, ["某市某区民政局"]);
    }

    #[test]
    fn a_sentence_opening_with_qizhong_goes_on_from_the_one_before() {
        let counted = |text: &str, at: usize| -> Vec<(f64, Category)> {
            let text = format!("### （二）依申请公开\n\n{text}");
            let c = read(&chars(&text), 2025, &Ours::default());
            c.counted_of(&c.sentences[at])
                .iter()
                .map(|k| (k.figure.value, k.category))
                .collect()
        };
        // One applicant's requests, then the results among them.
        assert_eq!(
            counted("自然人提出申请96件。其中予以公开30件。", 1),
            [(30.0, Category::ResultOf("予以公开", 0, 1))]
        );
        // One result, then an applicant's part of it.
        assert_eq!(
            counted("本年予以公开44件。其中自然人30件。", 1),
            [(30.0, Category::ResultOf("予以公开", 0, 1))]
        );
        // All requests, then a result: the whole row.
        assert_eq!(
            counted("收到申请10件。其中予以公开3件。", 1),
            [(3.0, Category::Result("予以公开"))]
        );
        // Another paragraph does not go on from the sentence before.
        assert_eq!(
            counted("自然人提出申请96件。\n\n其中予以公开30件。", 1),
            [(30.0, Category::Result("予以公开"))]
        );
        // Another body's figures, and then still its.
        let c = read(
            &chars("全区共收到申请500件。其中予以公开300件。"),
            2025,
            &Ours::default(),
        );
        assert!(c.sentences[1].elsewhere.is_some());
        assert!(c.sentences[1].counted.is_empty());
    }
}
