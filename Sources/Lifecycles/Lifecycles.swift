// The Lifecycles module; see docs/architecture.md.
