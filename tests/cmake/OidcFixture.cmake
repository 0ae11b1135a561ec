# OidcFixture.cmake
#
# The OpenID Provider for the tests (npm's oidc-provider, tests/oidc/provider.mjs), started and
# stopped by ctest fixtures through scripts/oidc-provider.sh, once per ctest run for every test
# that needs it. Include from tests/CMakeLists.txt, then mark such tests with
#
#   orgs_require_oidc(<test>...)
#
# They get FIXTURES_REQUIRED OpenIdProvider and the environment
#   ORGS_TEST_OIDC_DIR   <build>/oidc, whose file env names the issuers, ports, client ids and
#                        secrets, the test CA, the users file and the control URL
#                        (tests/src/support/OpenIdProvider.h reads it)

set(ORGS_OIDC_DIR "${CMAKE_BINARY_DIR}/oidc")
set(ORGS_OIDC_SCRIPT "${PROJECT_SOURCE_DIR}/scripts/oidc-provider.sh")

add_test(NAME oidc.start COMMAND "${ORGS_OIDC_SCRIPT}" start "${ORGS_OIDC_DIR}")
# The first start runs npm ci (a download on a fresh machine).
set_tests_properties(oidc.start PROPERTIES FIXTURES_SETUP OpenIdProvider RESOURCE_LOCK oidc-provider TIMEOUT 300)

add_test(NAME oidc.stop COMMAND "${ORGS_OIDC_SCRIPT}" stop "${ORGS_OIDC_DIR}")
set_tests_properties(oidc.stop PROPERTIES FIXTURES_CLEANUP OpenIdProvider RESOURCE_LOCK oidc-provider TIMEOUT 60)

function(orgs_require_oidc)
	foreach(test ${ARGN})
		set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED OpenIdProvider)
		set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "ORGS_TEST_OIDC_DIR=${ORGS_OIDC_DIR}")
	endforeach()
endfunction()
