//! Who is on the other end of a connection: the peer's uid from the kernel (SO_PEERCRED),
//! mapped to the login and its Unix groups through the system's user database. Nothing the
//! client says is used for this.

use std::ffi::CString;
use std::os::unix::net::UnixStream;

use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Gid, Group, Uid, User, getgrouplist};

/// A connected user (*användare*), as the kernel vouches for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    pub pid: i32,
    /// The login name; `uid N` when the user database has no entry.
    pub login: String,
    /// Names of the user's groups, primary group included.
    pub groups: Vec<String>,
}

/// Reads the peer credentials of `stream` and looks the user up.
pub fn identify(stream: &UnixStream) -> std::io::Result<Peer> {
    let credentials = getsockopt(stream, PeerCredentials).map_err(std::io::Error::from)?;
    let uid = credentials.uid();
    let user = User::from_uid(Uid::from_raw(uid)).ok().flatten();
    let (login, groups) = match user {
        Some(user) => {
            let groups = group_names(&user.name, user.gid);
            (user.name, groups)
        }
        None => (
            format!("uid {uid}"),
            group_name(Gid::from_raw(credentials.gid()))
                .into_iter()
                .collect(),
        ),
    };
    Ok(Peer {
        uid,
        pid: credentials.pid(),
        login,
        groups,
    })
}

fn group_names(login: &str, primary: Gid) -> Vec<String> {
    let ids = CString::new(login)
        .ok()
        .and_then(|name| getgrouplist(&name, primary).ok())
        .unwrap_or_else(|| vec![primary]);
    let mut names: Vec<String> = ids.into_iter().filter_map(group_name).collect();
    names.sort();
    names.dedup();
    names
}

fn group_name(gid: Gid) -> Option<String> {
    Group::from_gid(gid).ok().flatten().map(|group| group.name)
}

/// The login of a uid, for the database owner's name in messages.
pub fn login_of(uid: u32) -> String {
    User::from_uid(Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|user| user.name)
        .unwrap_or_else(|| format!("uid {uid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_socket_pair_names_this_process_user() {
        let (a, _b) = UnixStream::pair().expect("socket pair");
        let peer = identify(&a).expect("peer credentials");
        assert_eq!(peer.uid, nix::unistd::getuid().as_raw());
        assert_eq!(peer.pid as u32, std::process::id());
        assert_eq!(peer.login, login_of(peer.uid));
    }
}
