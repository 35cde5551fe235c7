//! The `nianbao` command.

use nianbao::render::budget::meter::Accounting;

/// Meters the threads that render templates (`render::budget`).
#[global_allocator]
static ALLOCATOR: Accounting = Accounting;

fn main() -> std::process::ExitCode {
    nianbao::cli::run()
}
