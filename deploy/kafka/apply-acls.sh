#!/usr/bin/env bash
# Grants every line of acls.csv (next to this script) with Kafka's own kafka-acls.sh.
#   deploy/kafka/apply-acls.sh <bootstrap servers> <admin client properties file>
# KAFKA_ACLS names the kafka-acls.sh to run (default: kafka-acls.sh on the PATH).
set -euo pipefail
if [[ $# -ne 2 ]]; then
    echo "usage: $0 <bootstrap servers> <admin client properties file>" >&2
    exit 2
fi
bootstrap=$1
admin_config=$2
kafka_acls=${KAFKA_ACLS:-kafka-acls.sh}
grep -v -e '^#' -e '^[[:space:]]*$' "$(dirname "$0")/acls.csv" |
while IFS=, read -r principal type pattern name operation; do
    case $type in
        TOPIC) resource=(--topic "$name") ;;
        GROUP) resource=(--group "$name") ;;
        TRANSACTIONAL_ID) resource=(--transactional-id "$name") ;;
        CLUSTER) resource=(--cluster) ;;
        *) echo "acls.csv: unknown resource type $type" >&2; exit 1 ;;
    esac
    "$kafka_acls" --bootstrap-server "$bootstrap" --command-config "$admin_config" --add \
        --allow-principal "$principal" --operation "$operation" \
        --resource-pattern-type "${pattern,,}" "${resource[@]}" </dev/null
done
