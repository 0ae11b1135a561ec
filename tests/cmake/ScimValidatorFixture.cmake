# ScimValidatorFixture.cmake
#
# The independent SCIM response validator (tests/scim, npm's ajv), installed into the build
# folder by scripts/scim-validator.sh through the ctest fixture scim-validator.install, once per
# ctest run, for every test that needs it. Include from tests/CMakeLists.txt, then mark such tests
# with
#
#   orgs_require_scim_validator(<test>...)
#
# They get FIXTURES_REQUIRED ScimValidator and ORGS_SCIM_VALIDATOR_DIR=<build>/scim-validator
# (tests/src/support/ScimValidator.h reads it; its default is the same folder).

set(ORGS_SCIM_VALIDATOR_DIR "${CMAKE_BINARY_DIR}/scim-validator")

add_test(NAME scim-validator.install COMMAND "${PROJECT_SOURCE_DIR}/scripts/scim-validator.sh" install
	"${ORGS_SCIM_VALIDATOR_DIR}")
# The first install runs npm ci (a download on a fresh machine).
set_tests_properties(scim-validator.install PROPERTIES FIXTURES_SETUP ScimValidator
	RESOURCE_LOCK scim-validator TIMEOUT 300)

function(orgs_require_scim_validator)
	foreach(test ${ARGN})
		set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED ScimValidator)
		set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "ORGS_SCIM_VALIDATOR_DIR=${ORGS_SCIM_VALIDATOR_DIR}")
	endforeach()
endfunction()
