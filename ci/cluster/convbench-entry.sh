#!/bin/sh
# The convbench command inside the container image (installed as /usr/local/bin/convbench by the Containerfile):
# the CLI from the jars in /opt/convbench/lib, every argument passed through. JAVA_OPTS adds JVM options, e.g.
# "-Xmx6g" (without it the JVM takes a quarter of the container's memory limit for its heap).
set -eu
# JAVA_OPTS unquoted on purpose: it holds several options.
# shellcheck disable=SC2086
exec java -Djava.awt.headless=true ${JAVA_OPTS:-} -cp '/opt/convbench/lib/*' dev.convbench.cli.Main "$@"
