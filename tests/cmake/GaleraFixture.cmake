# GaleraFixture.cmake
#
# A private three-node MariaDB Galera cluster for the tests, started and stopped by ctest
# fixtures through scripts/galera.sh. Include from tests/CMakeLists.txt, then add tests that need
# it with
#
#   orgs_add_galera_test(NAME <name> COMMAND <command> [args...]
#                        [WORKING_DIRECTORY <dir>] [ENVIRONMENT <VAR=value>...])
#
# Such tests get FIXTURES_REQUIRED Galera, RESOURCE_LOCK galera (one test at a time: some kill and
# restart nodes) and the environment
#   ORGS_GALERA_INFO     <build>/galera/connection.properties
#   ORGS_GALERA_SCRIPT   <source>/scripts/galera.sh
#   ORGS_GALERA_DIR      <build>/galera
#   ORGS_TEST_CONNECTOR  MySQL

set(ORGS_GALERA_DIR "${CMAKE_BINARY_DIR}/galera")
set(ORGS_GALERA_SCRIPT "${PROJECT_SOURCE_DIR}/scripts/galera.sh")
set(ORGS_GALERA_ENVIRONMENT
	"ORGS_GALERA_INFO=${ORGS_GALERA_DIR}/connection.properties"
	"ORGS_GALERA_SCRIPT=${ORGS_GALERA_SCRIPT}"
	"ORGS_GALERA_DIR=${ORGS_GALERA_DIR}"
	"ORGS_TEST_CONNECTOR=MySQL")

add_test(NAME galera.start COMMAND "${ORGS_GALERA_SCRIPT}" start "${ORGS_GALERA_DIR}")
set_tests_properties(galera.start PROPERTIES FIXTURES_SETUP Galera RESOURCE_LOCK galera TIMEOUT 300)

add_test(NAME galera.stop COMMAND "${ORGS_GALERA_SCRIPT}" stop "${ORGS_GALERA_DIR}")
set_tests_properties(galera.stop PROPERTIES FIXTURES_CLEANUP Galera RESOURCE_LOCK galera TIMEOUT 120)

function(orgs_add_galera_test)
	orgs_add_fixture_test(FIXTURE Galera LOCK galera FIXTURE_ENVIRONMENT ${ORGS_GALERA_ENVIRONMENT} ${ARGN})
endfunction()
