# WebhookVerifier.cmake
#
# The reference Standard Webhooks library (npm standardwebhooks, pinned in
# tests/webhooks/package-lock.json) that checks the plugin's webhook signatures independently of
# its signer. The ctest fixture webhooks.npm copies tests/webhooks into <build>/webhooks and runs
# npm ci there (again only when the lock changed). Mark the tests that use it with
#
#   orgs_require_webhook_verifier(<test>...)
#
# They get FIXTURES_REQUIRED WebhookVerifier and ORGS_TEST_WEBHOOK_VERIFIER=<build>/webhooks
# (tests/src/support/WebhookReceiver.h runs node verify.mjs there).

set(ORGS_WEBHOOK_VERIFIER_DIR "${CMAKE_BINARY_DIR}/webhooks")
set(_orgs_webhooks_src "${PROJECT_SOURCE_DIR}/tests/webhooks")

add_test(NAME webhooks.npm COMMAND bash -c "set -e
mkdir -p '${ORGS_WEBHOOK_VERIFIER_DIR}'
cp '${_orgs_webhooks_src}/verify.mjs' '${_orgs_webhooks_src}/package.json' '${ORGS_WEBHOOK_VERIFIER_DIR}/'
cd '${ORGS_WEBHOOK_VERIFIER_DIR}'
if ! cmp -s '${_orgs_webhooks_src}/package-lock.json' package-lock.json || [ ! -d node_modules/standardwebhooks ]; then
	cp '${_orgs_webhooks_src}/package-lock.json' .
	npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error
fi")
set_tests_properties(webhooks.npm PROPERTIES FIXTURES_SETUP WebhookVerifier RESOURCE_LOCK webhooks-npm TIMEOUT 300)

function(orgs_require_webhook_verifier)
	foreach(test ${ARGN})
		set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED WebhookVerifier)
		set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "ORGS_TEST_WEBHOOK_VERIFIER=${ORGS_WEBHOOK_VERIFIER_DIR}")
	endforeach()
endfunction()
