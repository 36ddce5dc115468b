"""Prefect flows and deployments for docpipe: thin @flow/@task wrappers over docpipe.pipeline."""
