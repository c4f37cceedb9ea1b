#!/bin/bash
# Runs once, after the influxdb:2.x image's first-start setup (DOCKER_INFLUXDB_INIT_MODE=setup). The dashboards speak
# InfluxQL, which InfluxDB 2.x answers on its v1 API only for a database/retention-policy (DBRP) mapped to a bucket:
# map database "compression-safety" (the bucket's name), retention policy autogen, to the bucket the worker writes.
set -euo pipefail
influx v1 dbrp create \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --bucket-id "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --db "${DOCKER_INFLUXDB_INIT_BUCKET}" \
  --rp autogen \
  --default
