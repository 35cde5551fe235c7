//! Glyph outlines as shapes (the draft watermark stays out of the text layer).

use super::Fonts;

/// A glyph outline: closed contours of points in em units (y up); `true`
/// marks a cubic Bézier control point.
pub type Outline = Vec<Vec<(f32, f32, bool)>>;

struct OutlinePen {
    rings: Outline,
    last: (f32, f32),
    upem: f32,
}

impl ttf_parser::OutlineBuilder for OutlinePen {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = (x / self.upem, y / self.upem);
        self.rings.push(vec![(p.0, p.1, false)]);
        self.last = p;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = (x / self.upem, y / self.upem);
        if let Some(r) = self.rings.last_mut() {
            r.push((p.0, p.1, false));
        }
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (q, p) = (
            (x1 / self.upem, y1 / self.upem),
            (x / self.upem, y / self.upem),
        );
        let c1 = (
            self.last.0 + 2.0 / 3.0 * (q.0 - self.last.0),
            self.last.1 + 2.0 / 3.0 * (q.1 - self.last.1),
        );
        let c2 = (p.0 + 2.0 / 3.0 * (q.0 - p.0), p.1 + 2.0 / 3.0 * (q.1 - p.1));
        if let Some(r) = self.rings.last_mut() {
            r.extend([(c1.0, c1.1, true), (c2.0, c2.1, true), (p.0, p.1, false)]);
        }
        self.last = p;
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let u = self.upem;
        if let Some(r) = self.rings.last_mut() {
            r.extend([
                (x1 / u, y1 / u, true),
                (x2 / u, y2 / u, true),
                (x / u, y / u, false),
            ]);
        }
        self.last = (x / u, y / u);
    }
    fn close(&mut self) {}
}

impl Fonts {
    /// The outline of `ch` in face `face`, for drawing it as a shape (the
    /// draft watermark, which must stay out of the text layer).
    pub fn outline(&self, face: usize, ch: char) -> Option<Outline> {
        self.with_data(self.faces[face].origin, |data, index| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            let g = face.glyph_index(ch)?;
            let mut pen = OutlinePen {
                rings: Vec::new(),
                last: (0.0, 0.0),
                upem: face.units_per_em() as f32,
            };
            face.outline_glyph(g, &mut pen)?;
            Some(pen.rings)
        })?
    }
}
