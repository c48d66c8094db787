#!/bin/sh
# Runs once, when the primary's data directory is created: lets the streaming replica of the
# `scale` profile connect for replication with the same password as the service.
set -e
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
