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
