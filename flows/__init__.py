"""Prefect flows and deployments for docpipe: thin @flow/@task wrappers over docpipe.pipeline."""

import os

# docpipe runs offline on a schedule: the embedded Prefect server's usage telemetry would only
# log "Failed to send telemetry" on every start. A user's own setting still wins.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
