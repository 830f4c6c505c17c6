//! The DIF model (work in progress).

pub mod behavior;
pub mod catalog;
pub mod chain;
pub mod dispatch;
pub mod source;
