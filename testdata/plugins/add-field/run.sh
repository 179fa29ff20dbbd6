#!/bin/sh
# A post-renderer: adds a top-level field to every document and records its
# arguments and plugin name as a comment on the first one.
echo "# $HELM_PLUGIN_NAME args: $*"
sed -e 's/^---$/postRendered: "yes"\n---/'
echo 'postRendered: "yes"'
