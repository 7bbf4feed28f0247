// The Diagnostics module; see docs/architecture.md.
