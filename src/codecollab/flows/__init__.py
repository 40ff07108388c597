"""Work that spans domains: a room's runs, submissions, chat and signals, and what connects the
collaboration engine to storage, presence and the problem bank (`docs/architecture.md`)."""
