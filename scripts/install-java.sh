#!/usr/bin/env bash
# A Java runtime (17 or later) for Spark, which `sourcecheck corpus` and its tests run on.
set -euo pipefail
if command -v java >/dev/null 2>&1 || ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-java: Java is missing and installing it needs root (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
echo "install-java: installing Debian's openjdk-17-jre-headless (once)" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
