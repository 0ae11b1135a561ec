# PackageTest.cmake: include() from tests/CMakeLists.txt.
#
# Adds the ctest package.find_package, which installs this build tree into a temporary
# prefix under the build folder, builds tests/package (a consumer project using
# find_package(Orgs)) against it, runs the consumer and runs <prefix>/bin/orgs-host --help.
# Run it after building everything (it installs the built targets).

set(ORGS_PACKAGE_TEST_SOURCE_DIR ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME package.find_package
	COMMAND ${CMAKE_COMMAND}
		-DORGS_BINARY_DIR=${CMAKE_BINARY_DIR}
		-DCONSUMER_SOURCE_DIR=${ORGS_PACKAGE_TEST_SOURCE_DIR}
		-DWORK_DIR=${CMAKE_BINARY_DIR}/package-test
		-DBUILD_CONFIG=$<CONFIG>
		-DGENERATOR=${CMAKE_GENERATOR}
		-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
		-DCXX_COMPILER=${CMAKE_CXX_COMPILER}
		-P ${ORGS_PACKAGE_TEST_SOURCE_DIR}/run-package-test.cmake)
set_tests_properties(package.find_package PROPERTIES TIMEOUT 600 LABELS package)
