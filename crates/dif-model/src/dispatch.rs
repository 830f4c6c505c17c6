//! dispatch (work in progress).
