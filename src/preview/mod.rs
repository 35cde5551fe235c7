//! `nianbao preview`: the report in a browser, re-rendered on every save.
//!
//! [`watch`] re-validates and re-renders the inputs into [`state`] whenever
//! one of them changes; [`server`] serves the result on loopback with the
//! additions of [`inject`] (an overlay listing the diagnostics and a script
//! that follows `/events` and swaps the page in place), speaking the little
//! [`http`] it needs.

pub mod http;
pub mod inject;
pub mod server;
pub mod state;
pub mod watch;
