//! The one error type of the build step.

use std::path::PathBuf;

use cpd_content::ContentError;

/// Why the site could not be built, naming the file (and, for content, the line) at fault.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content: a page, the settings or an entry of the folder (`file:line: message`).
    #[error(transparent)]
    Content(#[from] ContentError),
    /// A file of the build that says something unexpected: Trunk's template, a rendered page, a
    /// script the policy cannot read (`file: message`).
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    /// A file that cannot be read or written.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    /// Something wrong in `file`.
    pub fn invalid(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            file: file.into(),
            message: message.into(),
        }
    }

    /// A read or a write of `path` that failed.
    pub fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            path,
            action,
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, BuildError>;
