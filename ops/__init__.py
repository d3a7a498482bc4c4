"""Operations: production hardening, health and metrics endpoints, request ids and JSON
logs, the "try again" page when the database is away, and backups (docs/operations.md)."""
