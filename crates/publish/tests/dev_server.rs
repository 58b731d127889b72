//! The development server (`serve`, run by scripts/serve.sh) on a copy of the fixture site: a
//! content edit is rebuilt and announced to the pages without Trunk; a broken page is announced
//! with its file and line while the last good page stays served; the next good save clears it.
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{copy_dir, stage, Prerender, FIXTURE_SITE, I18N};

/// The server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Already gone is as good as stopped.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dist: &Path, work: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_serve"))
            .env_clear()
            .env("PORT", port.to_string())
            .env("TRUNK_DIST", dist)
            .env("CPD_SERVE_DIR", work)
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let server = Self { child, port };
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the server never listened on {port}");
    }

    /// The status and body of `GET path`.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let status = answer[9..12].parse().unwrap();
        let body = answer.split_once("\r\n\r\n").unwrap().1.to_string();
        (status, body)
    }

    /// The events the pages listen to.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET /_cpd/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).unwrap();
        }
        Events(reader)
    }
}

struct Events(BufReader<TcpStream>);

impl Events {
    /// The next event: its name and its data.
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            assert_ne!(
                self.0.read_line(&mut line).unwrap(),
                0,
                "the server hung up"
            );
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                return (name, data.join("\n"));
            }
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_string());
            }
        }
    }

    /// Reads events until one named `name`; its data.
    fn until(&mut self, name: &str) -> String {
        loop {
            let (event, data) = self.next();
            if event == name {
                return data;
            }
        }
    }
}

#[test]
fn content_edits_are_rebuilt_in_process_and_errors_shown_until_fixed() {
    let root = tempfile::tempdir().unwrap();
    let (content, work, dist, staging) = (
        root.path().join("content"),
        root.path().join("work"),
        root.path().join("dist"),
        root.path().join("dist/.stage"),
    );
    copy_dir(Path::new(FIXTURE_SITE), &content);
    // Trunk's build: its output staged, the hook run on it, the stage moved into dist/.
    stage(&staging);
    Prerender::new(&staging, &content)
        .words(Path::new(I18N))
        .serving(&work)
        .succeeds();
    cpd_publish::serve::sync(&staging, &dist).unwrap();
    std::fs::remove_dir_all(&staging).unwrap();
    assert!(work.join("built").is_file(), "the hook marks its build");

    let server = Server::start(&dist, &work);
    let (status, page) = server.get("/lectures");
    assert_eq!(status, 200);
    assert!(
        common::select(&page, "head script[src='/_cpd/live.js']").len() == 1,
        "{page}"
    );
    assert_eq!(server.get("/nowhere").0, 404);
    let mut events = server.events();

    let file = content.join("lectures.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{good}\nZéphyrine, mesurée au serveur.\n")).unwrap();
    events.until("reload");
    assert!(server
        .get("/lectures")
        .1
        .contains("Zéphyrine, mesurée au serveur."));

    // Front matter that is not YAML: named by file and line, the last good page kept.
    let broken = good.replacen("title:", "title: [unclosed\nx:", 1);
    std::fs::write(&file, &broken).unwrap();
    let error = events.until("failed");
    assert!(error.contains("lectures.md:"), "{error}");
    let line: String = error
        .split("lectures.md:")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(line.parse::<u32>().is_ok(), "a line number: {error}");
    assert!(server
        .get("/lectures")
        .1
        .contains("Zéphyrine, mesurée au serveur."));
    // A page opened meanwhile learns of it at once.
    assert_eq!(server.events().until("failed"), error);

    std::fs::write(&file, &good).unwrap();
    events.until("ok");
    events.until("reload");
    assert!(!server.get("/lectures").1.contains("Zéphyrine"));
}
