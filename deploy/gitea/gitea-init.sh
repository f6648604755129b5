#!/bin/sh
# One-shot, after Gitea is healthy: make sure the administrator Progy acts as exists, and write one of their access
# tokens where the orchestrator reads it (PROGY_GITEA_ADMIN_TOKEN_FILE). Runs as root only to own the token file;
# the gitea commands run as the git user, as Gitea requires. Re-running it keeps an existing token.
set -eu
CONFIG=/data/gitea/conf/app.ini
TOKEN_FILE=/run/progy/gitea-admin-token
ORCHESTRATOR_GID=10001

if [ -s "$TOKEN_FILE" ]; then
    echo "gitea-init: $TOKEN_FILE exists, nothing to do"
    exit 0
fi

if su-exec git gitea --config "$CONFIG" admin user list --admin | awk 'NR > 1 { print $2 }' \
        | grep -qx "$GITEA_ADMIN_USER"; then
    echo "gitea-init: administrator $GITEA_ADMIN_USER exists"
else
    su-exec git gitea --config "$CONFIG" admin user create --admin \
        --username "$GITEA_ADMIN_USER" --email "$GITEA_ADMIN_EMAIL" \
        --password "$GITEA_ADMIN_PASSWORD" --must-change-password=false
fi

# The narrowest scopes Progy's calls need: admin API (users, repositories), user tokens, repository reads.
token=$(su-exec git gitea --config "$CONFIG" admin user generate-access-token \
    --username "$GITEA_ADMIN_USER" --token-name "progy-orchestrator-$(date +%s)" \
    --scopes "write:admin,write:user,write:repository" --raw)

umask 077
printf '%s\n' "$token" > "$TOKEN_FILE.new"
chown "0:$ORCHESTRATOR_GID" "$TOKEN_FILE.new"
chmod 0440 "$TOKEN_FILE.new"
mv "$TOKEN_FILE.new" "$TOKEN_FILE"
echo "gitea-init: wrote a token of $GITEA_ADMIN_USER to $TOKEN_FILE"
