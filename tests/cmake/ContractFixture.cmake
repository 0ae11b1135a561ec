# ContractFixture.cmake
#
# The OpenAPI contract (api/openapi.json) checked by independent npm packages (tests/openapi:
# swagger-parser, ajv) through scripts/openapi-contract.sh. Include from tests/CMakeLists.txt,
# then mark the end-to-end entries with
#
#   orgs_record_exchanges(<test>...)
#
# They get FIXTURES_REQUIRED ApiContract and ORGS_TEST_EXCHANGES_DIR=<build>/contract/exchanges,
# where tests/src/support/ExchangeLog records every HTTP exchange they make. The fixture's setup
# contract.prepare installs the packages (npm ci, once per lock) and empties that folder; its
# cleanup contract.responses runs after every such entry of the ctest run (whether they passed
# or not) and validates each recorded answer against the document: the status is one the
# operation lists, the body matches its schema, a problem's code is one the response lists.
#
# Also: contract.document (swagger-parser validates the document as OpenAPI 3.1) and
# contract.readme (README's HTTP table and the document name the same operations).

set(ORGS_CONTRACT_DIR "${CMAKE_BINARY_DIR}/contract")
set(ORGS_CONTRACT_SCRIPT "${PROJECT_SOURCE_DIR}/scripts/openapi-contract.sh")
set(ORGS_OPENAPI_DOCUMENT "${PROJECT_SOURCE_DIR}/api/openapi.json")

add_test(NAME contract.prepare COMMAND "${ORGS_CONTRACT_SCRIPT}" prepare "${ORGS_CONTRACT_DIR}")
# The first run downloads the packages (npm ci).
set_tests_properties(contract.prepare PROPERTIES FIXTURES_SETUP ApiContract RESOURCE_LOCK contract TIMEOUT 300)

add_test(NAME contract.responses COMMAND "${ORGS_CONTRACT_SCRIPT}" responses "${ORGS_CONTRACT_DIR}"
	"${ORGS_OPENAPI_DOCUMENT}" "${ORGS_CONTRACT_DIR}/exchanges")
set_tests_properties(contract.responses PROPERTIES FIXTURES_CLEANUP ApiContract RESOURCE_LOCK contract TIMEOUT 300)

add_test(NAME contract.document COMMAND "${ORGS_CONTRACT_SCRIPT}" document "${ORGS_CONTRACT_DIR}"
	"${ORGS_OPENAPI_DOCUMENT}")
add_test(NAME contract.readme COMMAND "${ORGS_CONTRACT_SCRIPT}" readme "${ORGS_CONTRACT_DIR}"
	"${ORGS_OPENAPI_DOCUMENT}" "${PROJECT_SOURCE_DIR}/README.md")
set_tests_properties(contract.document contract.readme PROPERTIES
	FIXTURES_REQUIRED ApiContract RESOURCE_LOCK contract TIMEOUT 120)

function(orgs_record_exchanges)
	foreach(test ${ARGN})
		set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED ApiContract)
		set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "ORGS_TEST_EXCHANGES_DIR=${ORGS_CONTRACT_DIR}/exchanges")
	endforeach()
endfunction()
