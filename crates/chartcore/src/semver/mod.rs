//! Masterminds/semver v3.5 semantics (what Helm v4.3.1 links): loose and
//! strict version parsing, precedence, and range constraints with their
//! prerelease rule. Used by Sprig's `semver`/`semverCompare`, dependency
//! resolution and `kubeVersion` checks.
//!
//! ```
//! use chartcore::semver::{Constraints, Version};
//! let c = Constraints::parse(">= 1.2, < 2.0.0 || ^3").unwrap();
//! assert!(c.check(&Version::parse("v1.4").unwrap()));
//! assert!(!c.check(&Version::parse("3.1.0-beta.1").unwrap()));
//! ```

mod constraints;
mod range;
mod version;

pub use constraints::{
    ConstraintError, Constraints, MAX_CONSTRAINT_GROUPS, MAX_CONSTRAINT_LEN, Violation,
};
pub use version::{MAX_VERSION_LEN, ParseUintError, Version, VersionError};
