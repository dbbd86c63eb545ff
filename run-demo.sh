#!/usr/bin/env bash
# Install what Mentor Desk needs (first time only) and open it on the demo programme.
# The demo lives in ./demo-data, apart from any real data.
set -euo pipefail
cd "$(dirname "$0")"
packaging/dev-setup.sh app
.venv/bin/mentordesk --data demo-data demo --if-empty
exec .venv/bin/mentordesk --data demo-data "$@"
