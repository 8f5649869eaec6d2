"""Open exchange formats: a git history of legal events, Akoma Ntoso documents."""
