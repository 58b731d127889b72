//! The one error type of the content crate.

use std::fmt;

/// What is wrong with the content, and where: the file (as messages name it, such as
/// `content/guide/a.md`), the 1-based line of the whole file when there is one, and, for a file
/// or folder that cannot be read or followed, the system's own reason.
#[derive(Debug, thiserror::Error)]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    /// What is wrong, in English.
    pub message: String,
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ContentError {
    /// A fault at a line of a file.
    pub fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: Some(line),
            message: message.into(),
            source: None,
        }
    }

    /// A fault of a whole file or folder, at no line in particular.
    pub fn whole(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            message: message.into(),
            source: None,
        }
    }

    /// A file or folder that cannot be read or followed, with the system's reason.
    pub fn io(
        file: impl Into<String>,
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            file: file.into(),
            line: None,
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// The line, or 0 when the fault is the whole file's.
    pub fn line(&self) -> usize {
        self.line.unwrap_or(0)
    }
}

/// `file:line: message`, or `file: message: reason` for what cannot be read.
impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        match &self.source {
            Some(source) => write!(f, ": {source}"),
            None => Ok(()),
        }
    }
}
