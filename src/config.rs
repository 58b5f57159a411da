//! Settings: defaults in code -> optional TOML file -> BB_* environment variables ->
//! command-line flags (applied by the caller).

use std::path::Path;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub bind: String,
    /// `sqlite://FILE` (default, in the working directory) or `postgres://...`.
    pub database_url: String,
    /// Mark cookies Secure and use the `__Host-` prefix. Unset: on unless the server
    /// listens on a loopback address (plain-HTTP development).
    pub secure_cookies: Option<bool>,
    /// Staff session idle timeout in minutes.
    pub session_idle_minutes: i64,
    /// Staff session absolute lifetime in hours.
    pub session_absolute_hours: i64,
    /// Database connections in the pool. Unset: 8 on SQLite (its most: one writer at a
    /// time, readers in the same process), 24 on PostgreSQL, where each statement holds
    /// its connection for a round trip and the residents' writes that wait for a group
    /// (`db::group_commit`) hold theirs: with 8, 64 voters at once queued for connections
    /// while the group's writer had few to write (issue 13: 261 against 359 ballots/s).
    pub pool_size: Option<u32>,
    /// Staff must set up an authenticator app (TOTP) before they can work.
    pub require_staff_second_factor: bool,
    /// Key file that signs the audit log's checkpoints (`burgerbegroting keys generate`).
    /// Kept outside the database. Unset: the log is not signed and the audit page says so.
    pub signing_key_file: Option<std::path::PathBuf>,
    /// Key file from which the key that encrypts second-factor (TOTP) secrets is derived.
    /// Kept outside the database, apart from the signing key.
    pub secrets_key_file: Option<std::path::PathBuf>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` and
    /// `X-Forwarded-Host` are believed. Empty: nobody's (the TCP peer is the client).
    pub trusted_proxies: Vec<String>,
    /// The municipality's theme (TOML: name, logo, colours, contact details, texts; see
    /// docs/theming.md). Read at start; a bad value stops the start. Unset: a neutral
    /// look without a municipality's name (the demo uses its built-in Oldebroek theme).
    pub theme_file: Option<std::path::PathBuf>,
    /// Set by `burgerbegroting demo`: without `theme_file`, show the built-in demo theme.
    #[serde(skip)]
    pub demo_theme: bool,
    /// Payments to funded plans above this amount (in cents) need a second finance user;
    /// at or below it they are posted at once.
    pub payment_approval_threshold_cents: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://burgerbegroting.db".into(),
            secure_cookies: None,
            session_idle_minutes: 30,
            session_absolute_hours: 8,
            pool_size: None,
            require_staff_second_factor: true,
            signing_key_file: None,
            secrets_key_file: None,
            trusted_proxies: Vec::new(),
            theme_file: None,
            demo_theme: false,
            payment_approval_threshold_cents: 500_000,
        }
    }
}

impl Settings {
    /// Load the layers. `file` is an explicit config file (must exist); otherwise
    /// `burgerbegroting.toml` in the working directory is read when present.
    pub fn load(file: Option<&Path>) -> Result<Settings, Box<figment::Error>> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(Box::new(figment::Error::from(format!(
                        "config file {} not found",
                        path.display()
                    ))));
                }
                fig = fig.merge(Toml::file(path));
            }
            None => fig = fig.merge(Toml::file("burgerbegroting.toml")),
        }
        fig.merge(Env::prefixed("BB_").ignore(&["config"]))
            .extract()
            .map_err(Box::new)
    }

    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| {
            let host = self
                .bind
                .rsplit_once(':')
                .map(|(h, _)| h)
                .unwrap_or(&self.bind);
            let host = host.trim_start_matches('[').trim_end_matches(']');
            !(host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .map(|ip| ip.is_loopback())
                    .unwrap_or(false))
        })
    }

    pub fn session_policy(&self) -> crate::service::auth::SessionPolicy {
        crate::service::auth::SessionPolicy {
            idle: chrono::Duration::minutes(self.session_idle_minutes.max(1)),
            absolute: chrono::Duration::hours(self.session_absolute_hours.max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_binds_allow_plain_http_cookies() {
        let mut s = Settings::default();
        assert!(!s.cookies_secure());
        s.bind = "0.0.0.0:8080".into();
        assert!(s.cookies_secure());
        s.bind = "[::1]:0".into();
        assert!(!s.cookies_secure());
        s.secure_cookies = Some(true);
        assert!(s.cookies_secure());
    }
}
