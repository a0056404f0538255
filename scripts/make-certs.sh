#!/usr/bin/env bash
# Writes a self-signed certificate for localhost (and 127.0.0.1, ::1) with openssl, for trying
# the servers over HTTPS. Usage: npm run certs [-- OUTPUT_DIR]   (default .hooklab/certs)
set -euo pipefail
dir="${1:-.hooklab/certs}"
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -sha256 -days 365 -nodes \
  -keyout "$dir/localhost.key" -out "$dir/localhost.crt" \
  -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" 2>/dev/null
chmod 600 "$dir/localhost.key"
echo "Wrote $dir/localhost.crt and $dir/localhost.key. Add these two lines to .env:"
echo "TLS_CERT=$dir/localhost.crt"
echo "TLS_KEY=$dir/localhost.key"
