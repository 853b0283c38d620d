//! What a handler may know of its request's connection: the peer's address and a handle that
//! closes the connection. The server inserts both into every request as extensions.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::Notify;

/// The remote address of a request's connection (a request extension).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// Lets a handler close its connection without an answer.
#[derive(Clone, Debug, Default)]
pub struct ConnHandle(Arc<Notify>);

impl ConnHandle {
    /// Closes the connection (the handler's future is dropped with it).
    pub fn abort(&self) {
        self.0.notify_one();
    }

    /// Completes once [`ConnHandle::abort`] has been called, for the task serving the
    /// connection.
    pub async fn aborted(&self) {
        self.0.notified().await;
    }
}
