#!/usr/bin/env python3
"""Cuts gitea.yaml out of Gitea's own swagger document.

Usage: python3 gitea-subset.py swagger.v1.json > gitea.yaml

swagger.v1.json is what a Gitea server serves at /swagger.v1.json (the rendering of
templates/swagger/v1_json.tmpl in the Gitea sources). Only the operations Progy calls are kept,
with every definition and response they reach and the security definitions Progy uses; nothing
is renamed or rewritten, so a diff against a newer Gitea shows exactly what changed.
"""
import json
import sys

import yaml

OPERATIONS = {
    "/version": ["get"],
    "/user": ["get"],
    "/admin/users": ["post"],
    "/admin/users/{username}/repos": ["post"],
    "/users/{username}": ["get"],
    "/users/{username}/tokens": ["get", "post"],
    "/users/{username}/tokens/{token}": ["delete"],
    "/repos/{owner}/{repo}": ["get"],
}
# Gitea's error responses declare only headers; APIError is the JSON body they carry.
EXTRA_DEFINITIONS = ["APIError"]
SECURITY = ["BasicAuth", "AuthorizationHeaderToken", "SudoParam", "SudoHeader"]
TOP_LEVEL = ["swagger", "info", "basePath", "schemes", "consumes", "produces"]


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main(source):
    spec = json.load(open(source, encoding="utf-8"))
    out = {key: spec[key] for key in TOP_LEVEL if key in spec}
    out["paths"] = {
        path: {method: spec["paths"][path][method] for method in methods}
        for path, methods in OPERATIONS.items()
    }
    # Follow $refs until nothing new is reached.
    kept = {"definitions": set(), "responses": set()}
    pending = list(refs(out["paths"])) + [f"#/definitions/{name}" for name in EXTRA_DEFINITIONS]
    while pending:
        section, name = pending.pop().split("/")[1:]
        if name not in kept[section]:
            kept[section].add(name)
            pending.extend(refs(spec[section][name]))
    for section in ("definitions", "responses"):
        out[section] = {name: spec[section][name] for name in sorted(kept[section])}
    out["securityDefinitions"] = {name: spec["securityDefinitions"][name] for name in SECURITY}
    out["security"] = [entry for entry in spec["security"] if next(iter(entry)) in SECURITY]

    version = spec["info"]["version"]
    print(f"# The subset of Gitea's REST API v1 that Progy calls, cut from Gitea {version}'s own swagger")
    print("# document by gitea-subset.py: see README.md. Do not edit by hand; regenerate instead.")
    yaml.safe_dump(out, sys.stdout, sort_keys=False, allow_unicode=True, width=120)


if __name__ == "__main__":
    main(sys.argv[1])
