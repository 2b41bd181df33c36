#!/bin/sh
# One-shot: joins the three nodes into one cluster (CouchDB's /_cluster_setup API), then exits.
# Idempotent: on a cluster that is already set up, finish_cluster answers an error that is ignored.
set -eu
AUTH="${COUCHDB_USER}:${COUCHDB_PASSWORD}"
for n in couch1 couch2 couch3; do
  until curl -fsS "http://$n:5984/_up" >/dev/null 2>&1; do sleep 2; done
done
for n in couch2 couch3; do
  curl -fsS -u "$AUTH" -X POST -H 'content-type: application/json' http://couch1:5984/_cluster_setup \
    -d "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"${COUCHDB_USER}\",\"password\":\"${COUCHDB_PASSWORD}\",\"port\":5984,\"node_count\":3,\"remote_node\":\"$n\",\"remote_current_user\":\"${COUCHDB_USER}\",\"remote_current_password\":\"${COUCHDB_PASSWORD}\"}" || true
  curl -fsS -u "$AUTH" -X POST -H 'content-type: application/json' http://couch1:5984/_cluster_setup \
    -d "{\"action\":\"add_node\",\"host\":\"$n\",\"port\":5984,\"username\":\"${COUCHDB_USER}\",\"password\":\"${COUCHDB_PASSWORD}\"}" || true
done
curl -fsS -u "$AUTH" -X POST -H 'content-type: application/json' http://couch1:5984/_cluster_setup \
  -d '{"action":"finish_cluster"}' || true
curl -fsS -u "$AUTH" http://couch1:5984/_membership
echo
