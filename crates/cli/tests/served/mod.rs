//! A `herald serve` or `herald demo` of a test, on a loopback port it
//! chooses: started, found by the address it prints, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Served {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Served {
    /// Starts `command` (which listens on `127.0.0.1:0`) and waits until
    /// it says where it serves.
    pub fn start(mut command: Command) -> Served {
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the server");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut addr = None;
        for line in lines.by_ref() {
            let line = line.expect("read stderr");
            if let Some(url) = line.split(" on http://").nth(1) {
                addr = Some(url.trim().trim_end_matches('/').to_string());
                break;
            }
        }
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Served {
            child,
            addr: addr.expect("the server said where it serves"),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
