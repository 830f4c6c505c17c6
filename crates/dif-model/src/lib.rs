//! The DIF model: the catalogue of device installation function (DIF) codes, the installer
//! chain a driver package registers, what each installer does (read from its C/C++ sources),
//! and a simulation of `SetupDiCallClassInstaller` that predicts who is called for each DIF,
//! in what order, and with what outcome.
//!
//! Data flows one way: [`inf_parser::Inf`] → [`chain::InstallerChain`] (what the INF registers)
//! and C sources → [`behavior::InstallerBehavior`] (what each entry point does); both feed
//! [`dispatch`], which produces predictions.

pub mod behavior;
pub mod catalog;
pub mod chain;
pub mod dispatch;
pub mod scenario;
pub mod source;
