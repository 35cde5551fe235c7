//! The integration tests: the real binary and the public library, one module per area.
//! One binary, so the fonts and the library are linked once.

mod architecture;
mod build;
mod check;
mod common;
mod compare;
mod corpus;
mod county;
mod county_office;
mod dist;
mod docx;
mod docx_pages;
mod first_hour;
mod fonts;
mod hostile;
mod hardtext;
mod html_print;
mod import;
mod signoff;
mod new;
mod pdf;
mod pdf_glyphs;
mod pdf_inspect;
mod pdf_layout;
mod preview;
mod slips;
mod template_packs;
mod server;
mod server_board;
mod server_security;
mod server_service;
mod server_sessions;
mod workbench;
mod workbench_clerk;
mod workflow;
mod xlsx;
