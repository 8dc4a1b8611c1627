"""Use cases of the platform: each opens its own transaction, checks the actor's permission, changes the
store and writes the audit trail. Edges (CLI, API, web) call these and nothing below them for writes."""
