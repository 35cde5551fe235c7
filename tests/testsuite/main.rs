//! The integration tests: the real binary and the public library, one module per area.
//! One binary, so the fonts and the library are linked once.

mod architecture;
mod build;
mod accessibility;
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
mod hardtext_shapes;
mod html_print;
mod import;
mod signoff;
mod new;
mod ofd;
mod pdf;
mod pdf_glyphs;
mod pdf_inspect;
mod page_feet;
mod pdf_layout;
mod pdfa;
mod preview;
mod slips;
mod template_packs;
mod server;
mod server_board;
#[path = "../../src/server/store/postgres/test_cluster.rs"]
mod pg_cluster;
mod server_postgres;
mod server_regions;
mod server_security;
mod server_service;
mod server_sessions;
mod server_years;
mod workbench;
mod workbench_clerk;
mod workflow;
mod xlsx;
