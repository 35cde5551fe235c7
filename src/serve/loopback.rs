//! The servers live on this machine's loopback only: binding to
//! `127.0.0.1`, waking a blocked accept, and the `Host` check against DNS
//! rebinding.

use crate::slice::Slice;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// How many later ports to try when the requested one is taken.
pub const PORT_TRIES: u16 = 20;

/// No port could be bound on loopback.
#[derive(Debug)]
pub struct BindError {
    /// The first port tried (0: any free port).
    pub port: u16,
    /// How many ports were tried.
    pub tries: u16,
    /// Why the last attempt failed.
    pub reason: std::io::Error,
}

impl std::fmt::Display for BindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = crate::files::io_message(&self.reason);
        match self.port {
            0 => write!(f, "无法在 127.0.0.1 上取得空闲端口（{reason}）"),
            port => write!(
                f,
                "127.0.0.1 的端口 {port} 及其后 {} 个端口都无法使用（{reason}）",
                self.tries.saturating_sub(1)
            ),
        }
    }
}

impl std::error::Error for BindError {}

/// Binds to `127.0.0.1:port`, or the next free port among the following
/// [`PORT_TRIES`]. Port 0 lets the system choose a free port. Returns the
/// listener and the port it listens on.
pub fn bind(port: u16) -> Result<(TcpListener, u16), BindError> {
    if port == 0 {
        let bound = TcpListener::bind(("127.0.0.1", 0)).and_then(|listener| {
            let port = listener.local_addr()?.port();
            Ok((listener, port))
        });
        return bound.map_err(|reason| BindError {
            port,
            tries: 1,
            reason,
        });
    }
    let mut last = std::io::Error::from(std::io::ErrorKind::AddrInUse);
    let mut tries = 0;
    for i in 0..PORT_TRIES {
        let Some(p) = port.checked_add(i) else { break };
        tries += 1;
        match TcpListener::bind(("127.0.0.1", p)) {
            Ok(listener) => {
                let bound = listener.local_addr().map_or(p, |addr| addr.port());
                return Ok((listener, bound));
            }
            Err(e) => last = e,
        }
    }
    Err(BindError {
        port,
        tries,
        reason: last,
    })
}

/// Wakes the accept loop of the server on `127.0.0.1:port` (blocked until
/// a connection arrives) with a connection of its own, so that it sees
/// that it is to stop.
pub fn wake(port: u16) {
    let own = SocketAddr::from(([127, 0, 0, 1], port));
    let _ = TcpStream::connect_timeout(&own, Duration::from_secs(1));
}

/// Whether a `Host` header names this machine's loopback. Any other name
/// could be a DNS-rebinding attack from a web page.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((name, port)) => (format!("[{name}]"), port),
            None => return false,
        }
    } else {
        match host.find(':') {
            Some(i) => (host.slice_to(i).to_string(), host.slice_from(i)),
            None => (host.to_string(), ""),
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(p) => !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    };
    port_ok && ["localhost", "127.0.0.1", "[::1]"].contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_pass() {
        for ok in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:8001",
            "[::1]:8000",
            "[::1]",
            "LOCALHOST:80",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8000",
            "127.0.0.1:",
            "127.0.0.1:80x",
            "[::1",
            "[::2]:8000",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert!(!host_allowed(None));
    }

    #[test]
    fn a_taken_port_moves_on_and_says_so_when_all_are_taken() {
        let (first, port) = bind(0).unwrap();
        assert_ne!(port, 0);
        // The taken port is passed over (unless every later one is taken too).
        if let Ok((_second, other)) = bind(port) {
            assert_ne!(other, port);
        }
        drop(first);
        let e = BindError {
            port: 8300,
            tries: PORT_TRIES,
            reason: std::io::Error::from(std::io::ErrorKind::AddrInUse),
        };
        let shown = e.to_string();
        assert!(
            shown.starts_with("127.0.0.1 的端口 8300 及其后 19 个端口都无法使用（"),
            "{shown}"
        );
    }
}
