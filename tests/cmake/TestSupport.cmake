# TestSupport.cmake
#
# The static library OrgsTestSupport: TestDatabase (fresh SQLite/MariaDB databases), HostProcess
# (runs orgs-host), HttpClient (blocking JSON client) and the real peers the tests talk to:
# SmtpSink (smtp-sink), OpenIdProvider (the OpenID Provider of the oidc.start fixture) and
# DnsServer (dnsmasq). Include from tests/CMakeLists.txt and
# link test executables with OrgsTestSupport; headers are included as "support/TestDatabase.h".

find_package(PkgConfig REQUIRED)
if(NOT TARGET PkgConfig::CPPUNIT)
	pkg_check_modules(CPPUNIT REQUIRED IMPORTED_TARGET cppunit)
endif()
find_package(Threads REQUIRED)
# OpenIdProvider speaks HTTPS to the provider.
find_package(Poco REQUIRED COMPONENTS NetSSL Crypto)
# WebhookReceiver checks signatures with OpenSSL's HMAC, not with the plugin's Poco-based signer.
find_package(OpenSSL REQUIRED)

add_library(OrgsTestSupport STATIC
	"${PROJECT_SOURCE_DIR}/tests/src/support/DnsServer.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/ExchangeLog.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/HostProcess.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/HttpAssert.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/HttpClient.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/OpenIdProvider.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/ScimClient.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/ScimValidator.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/SmtpSink.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/TestDatabase.cpp"
	"${PROJECT_SOURCE_DIR}/tests/src/support/WebhookReceiver.cpp")
target_include_directories(OrgsTestSupport PUBLIC "${PROJECT_SOURCE_DIR}/tests/src")
# Where scripts/scim-validator.sh installs the SCIM validator (ScimValidator's default).
target_compile_definitions(OrgsTestSupport PRIVATE ORGS_SCIM_VALIDATOR_DEFAULT_DIR="${CMAKE_BINARY_DIR}/scim-validator")
target_link_libraries(OrgsTestSupport PUBLIC
	Poco::Foundation Poco::Net Poco::NetSSL Poco::Crypto Poco::JSON Poco::Data Poco::DataMySQL Poco::DataSQLite
	PkgConfig::CPPUNIT Threads::Threads OpenSSL::Crypto)


# Adds a test that needs a server of a ctest fixture (MariaDbFixture, GaleraFixture): the
# fixture's setup and cleanup run around it, its resource lock keeps tests of one server from
# running at once, and it gets the fixture's environment plus its own.
#
#   orgs_add_fixture_test(FIXTURE <fixture> LOCK <lock> FIXTURE_ENVIRONMENT <VAR=value>...
#                         NAME <name> COMMAND <command> [args...]
#                         [WORKING_DIRECTORY <dir>] [ENVIRONMENT <VAR=value>...])
function(orgs_add_fixture_test)
	cmake_parse_arguments(ARG "" "FIXTURE;LOCK;NAME;WORKING_DIRECTORY" "FIXTURE_ENVIRONMENT;COMMAND;ENVIRONMENT"
		${ARGN})
	if(NOT ARG_FIXTURE OR NOT ARG_LOCK OR NOT ARG_NAME OR NOT ARG_COMMAND)
		message(FATAL_ERROR "orgs_add_fixture_test: FIXTURE, LOCK, NAME and COMMAND are required")
	endif()
	if(ARG_WORKING_DIRECTORY)
		add_test(NAME ${ARG_NAME} COMMAND ${ARG_COMMAND} WORKING_DIRECTORY "${ARG_WORKING_DIRECTORY}")
	else()
		add_test(NAME ${ARG_NAME} COMMAND ${ARG_COMMAND})
	endif()
	set_tests_properties(${ARG_NAME} PROPERTIES
		FIXTURES_REQUIRED ${ARG_FIXTURE}
		RESOURCE_LOCK ${ARG_LOCK}
		ENVIRONMENT "${ARG_FIXTURE_ENVIRONMENT};${ARG_ENVIRONMENT}")
endfunction()
