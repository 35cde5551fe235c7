//! The integration tests: the real binary and the public library, one module per area.
//! One binary, so the fonts and the library are linked once.

mod architecture;
mod build;
mod accessibility;
mod check;
mod common;
mod compare;
mod corpus;
mod cuts;
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
mod hardtext_figures;
mod hardtext_lists;
mod hardtext_zaozi;
mod heldout_prose;
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
mod real_pages;
mod preview;
mod slips;
mod template_packs;
mod server;
mod server_board;
// The PostgreSQL store's tests: only in a build with the `postgres`
// feature (`cargo test --features postgres --test testsuite postgres`).
#[cfg(feature = "postgres")]
#[path = "../../src/server/store/postgres/test_cluster.rs"]
mod pg_cluster;
mod nginx_gateway;
#[cfg(feature = "postgres")]
mod server_postgres;
mod server_dash;
mod server_edges;
mod server_regions;
mod server_security;
mod server_restore;
mod server_service;
mod server_sessions;
mod server_years;
mod workbench;
mod workbench_clerk;
mod workbench_js;
mod workflow;
mod xlsx;
