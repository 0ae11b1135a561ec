# MariaDbFixture.cmake
#
# A private MariaDB for the tests, started and stopped by ctest fixtures through
# scripts/mariadb.sh. Include from tests/CMakeLists.txt, then add tests that need it with
#
#   orgs_add_mariadb_test(NAME <name> COMMAND <command> [args...]
#                         [WORKING_DIRECTORY <dir>] [ENVIRONMENT <VAR=value>...])
#
# Such tests get FIXTURES_REQUIRED MariaDB, RESOURCE_LOCK mariadb and the environment
#   ORGS_MARIADB_INFO    <build>/mariadb/connection.properties
#   ORGS_MARIADB_SCRIPT  <source>/scripts/mariadb.sh
#   ORGS_MARIADB_DIR     <build>/mariadb

set(ORGS_MARIADB_DIR "${CMAKE_BINARY_DIR}/mariadb")
set(ORGS_MARIADB_SCRIPT "${PROJECT_SOURCE_DIR}/scripts/mariadb.sh")
set(ORGS_MARIADB_ENVIRONMENT
	"ORGS_MARIADB_INFO=${ORGS_MARIADB_DIR}/connection.properties"
	"ORGS_MARIADB_SCRIPT=${ORGS_MARIADB_SCRIPT}"
	"ORGS_MARIADB_DIR=${ORGS_MARIADB_DIR}")

add_test(NAME mariadb.start COMMAND "${ORGS_MARIADB_SCRIPT}" start "${ORGS_MARIADB_DIR}")
set_tests_properties(mariadb.start PROPERTIES FIXTURES_SETUP MariaDB RESOURCE_LOCK mariadb TIMEOUT 120)

add_test(NAME mariadb.stop COMMAND "${ORGS_MARIADB_SCRIPT}" stop "${ORGS_MARIADB_DIR}")
set_tests_properties(mariadb.stop PROPERTIES FIXTURES_CLEANUP MariaDB RESOURCE_LOCK mariadb TIMEOUT 60)

function(orgs_add_mariadb_test)
	orgs_add_fixture_test(FIXTURE MariaDB LOCK mariadb FIXTURE_ENVIRONMENT ${ORGS_MARIADB_ENVIRONMENT} ${ARGN})
endfunction()
