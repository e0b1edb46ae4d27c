//! One module per command. Each takes its arguments as a plain struct, runs
//! the library and says how the process should exit; none parses the
//! command line (that is `main.rs`).

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;

use std::fmt;

use crate::support::diagnostics::Diagnostics;

/// How a command failed, which decides the exit status (SPEC §6).
#[derive(Debug)]
pub enum CommandError {
    /// The content or templates have errors (exit 1); they were printed.
    Content(Diagnostics),
    /// The command cannot run as asked (exit 2).
    Usage(String),
    /// The machine failed us: a file could not be written (exit 1).
    Io(String),
}

impl CommandError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CommandError::Content(_) | CommandError::Io(_) => 1,
            CommandError::Usage(_) => 2,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Content(diagnostics) => {
                let errors = diagnostics.error_count();
                write!(f, "{errors} error{}", if errors == 1 { "" } else { "s" })
            }
            CommandError::Usage(message) | CommandError::Io(message) => write!(f, "{message}"),
        }
    }
}

/// Formats a duration for summary lines.
pub fn seconds(elapsed: std::time::Duration) -> String {
    format!("{:.2} s", elapsed.as_secs_f64())
}
