//! chain (work in progress).
