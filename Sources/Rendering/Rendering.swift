// The Rendering module; see docs/architecture.md.
