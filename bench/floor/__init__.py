"""The floor: a bare Django project serving a 50-row table page from a 10 000-row table through a
base template, on the same database server as the portal. What Django itself costs on this machine."""
