//! The layout every output format shares, whatever it is written in: the
//! GB/T 9704 page ([`page`]), the line-breaking rules of Chinese text
//! ([`kinsoku`]), where web and e-mail addresses break ([`address`]), the units figures keep
//! ([`figures`]), where agency names break ([`names`]), how a title is shaped ([`title_shape`]), the form a character prints in ([`print_form`]) and the official tables' column widths, type sizes and
//! cell alignment ([`table`]) and the marks of list items by depth ([`list`]). The PDF sets text with these, the Word
//! document and the workbook declare them, so a change to one output never
//! requires reading another's code.

pub mod address;
pub mod figures;
pub mod kinsoku;
pub mod list;
pub mod names;
pub mod page;
pub mod print_form;
pub mod table;
pub mod title_shape;
