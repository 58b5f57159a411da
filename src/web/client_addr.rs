//! The one rule for "which client is this" (login throttling, voting-code throttling):
//! the TCP peer, or, when the peer is a trusted reverse proxy (setting `trusted_proxies`),
//! the address that proxy put in `X-Forwarded-For`. Nobody else's `X-Forwarded-For` is
//! believed: a client could name any address it liked.
//!
//! IPv4-mapped IPv6 addresses count as their IPv4 address; an IPv6 client counts as its
//! /64, because one household or phone can pick any address inside it.

use std::net::IpAddr;

use actix_web::HttpRequest;
use ipnet::IpNet;

use crate::state::AppState;

/// Parsed `trusted_proxies` entries (single addresses or CIDR ranges); bad entries are
/// refused when the server starts (`trusted_proxy_nets`).
pub fn trusted_proxy_nets(entries: &[String]) -> Result<Vec<IpNet>, String> {
    entries
        .iter()
        .map(|e| {
            let e = e.trim();
            e.parse::<IpNet>()
                .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("trusted_proxies: '{e}' is geen IP-adres of bereik"))
        })
        .collect()
}

fn unmapped(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

fn trusted(ip: IpAddr, proxies: &[IpNet]) -> bool {
    let ip = unmapped(ip);
    proxies.iter().any(|n| n.contains(&ip))
}

/// The client's address: the peer, or the right-most `X-Forwarded-For` entry that is not
/// itself a trusted proxy when the peer is one.
pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    proxies: &[IpNet],
) -> Option<IpAddr> {
    let peer = unmapped(peer?);
    if !trusted(peer, proxies) {
        return Some(peer);
    }
    let Some(header) = forwarded_for else {
        return Some(peer);
    };
    for entry in header.rsplit(',') {
        match entry.trim().parse::<IpAddr>() {
            Ok(ip) if trusted(ip, proxies) => continue,
            Ok(ip) => return Some(unmapped(ip)),
            // A garbled entry: stop believing the chain there.
            Err(_) => return Some(peer),
        }
    }
    Some(peer)
}

/// The throttle key of an address: IPv4 as is, IPv6 as its /64.
pub fn address_key(ip: Option<IpAddr>) -> String {
    match ip.map(unmapped) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        None => "unknown".to_string(),
    }
}

/// The throttle key of the client of a request.
pub fn client_key(req: &HttpRequest) -> String {
    let proxies = proxies_of(req);
    let xff = req
        .headers()
        .get("X-Forwarded-For")
        .and_then(|v| v.to_str().ok());
    address_key(client_ip(req.peer_addr().map(|a| a.ip()), xff, &proxies))
}

/// Whether the request came straight from a trusted proxy (whose forwarded headers,
/// such as `X-Forwarded-Host`, may then be believed).
pub fn from_trusted_proxy(req: &HttpRequest) -> bool {
    let proxies = proxies_of(req);
    req.peer_addr().is_some_and(|a| trusted(a.ip(), &proxies))
}

fn proxies_of(req: &HttpRequest) -> Vec<IpNet> {
    req.app_data::<actix_web::web::Data<AppState>>()
        .map(|s| trusted_proxy_nets(&s.settings.trusted_proxies).unwrap_or_default())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().expect("ip"))
    }

    #[test]
    fn ipv6_counts_as_its_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(address_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            address_key(ip("2001:db8:1:2:ffff:1:2:3")),
            address_key(ip("2001:db8:1:2::9"))
        );
        assert_eq!(address_key(ip("::ffff:192.0.2.7")), "192.0.2.7");
        assert_eq!(address_key(ip("192.0.2.7")), "192.0.2.7");
        assert_eq!(address_key(None), "unknown");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxies = trusted_proxy_nets(&["10.0.0.0/8".into(), "::1".into()]).expect("nets");
        // Not a proxy: its header is ignored.
        assert_eq!(
            client_ip(ip("192.0.2.1"), Some("203.0.113.9"), &proxies),
            ip("192.0.2.1")
        );
        // A proxy: the right-most address that is not a proxy.
        assert_eq!(
            client_ip(
                ip("10.1.2.3"),
                Some("1.2.3.4, 203.0.113.9, 10.9.9.9"),
                &proxies
            ),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("::1"), Some("::ffff:198.51.100.4"), &proxies),
            ip("198.51.100.4")
        );
        // A proxy without the header, or with rubbish: the proxy itself.
        assert_eq!(client_ip(ip("10.1.2.3"), None, &proxies), ip("10.1.2.3"));
        assert_eq!(
            client_ip(ip("10.1.2.3"), Some("nonsense"), &proxies),
            ip("10.1.2.3")
        );
        // Mapped peer addresses are matched as IPv4.
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.5"), Some("203.0.113.9"), &proxies),
            ip("203.0.113.9")
        );
        assert!(trusted_proxy_nets(&["not-an-ip".into()]).is_err());
    }
}
