#!/usr/bin/env bash
# Writes Tests/ZhaoshangKitTests/Fixtures/schemas/schema-N.sqlite: a small ledger at each released schema version
# (see SchemaFixtures in Tests/ZhaoshangKitTests/SchemaFixtures.swift). It writes only the missing files: run it
# after adding a release to SchemaFixtures.released, and commit the new file; released files never change.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHAOSHANG_MAKE_SCHEMA_FIXTURES=1 swift test --filter 'SchemaFixtureMaker'
ls -l Tests/ZhaoshangKitTests/Fixtures/schemas/
