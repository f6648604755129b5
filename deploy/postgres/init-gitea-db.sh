#!/bin/sh
# Runs once, when PostgreSQL initialises its data directory: a database and a role for Gitea, apart from Progy's.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v gitea_password="$GITEA_DB_PASSWORD" <<'SQL'
CREATE ROLE gitea LOGIN PASSWORD :'gitea_password';
CREATE DATABASE gitea OWNER gitea ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
