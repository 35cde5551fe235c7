//! The `nianbao` command.

/// Meters the threads that render templates (`render::budget`).
#[global_allocator]
static ALLOCATOR: nianbao::render::budget::meter::Accounting =
    nianbao::render::budget::meter::Accounting;

fn main() -> std::process::ExitCode {
    nianbao::cli::run()
}
