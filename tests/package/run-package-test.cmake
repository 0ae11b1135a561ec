# run-package-test.cmake: the body of the ctest package.find_package (see PackageTest.cmake).
#
#     cmake -DORGS_BINARY_DIR=<build> -DCONSUMER_SOURCE_DIR=<tests/package> -DWORK_DIR=<scratch>
#           [-DBUILD_CONFIG=<config>] [-DGENERATOR=<generator>] [-DMAKE_PROGRAM=<path>]
#           [-DCXX_COMPILER=<path>] -P run-package-test.cmake
#
# 1. installs ORGS_BINARY_DIR into WORK_DIR/prefix;
# 2. configures and builds the consumer project with -DCMAKE_PREFIX_PATH=WORK_DIR/prefix;
# 3. runs the consumer, then WORK_DIR/prefix/bin/orgs-host --help.

cmake_minimum_required(VERSION 3.16)

foreach(_var ORGS_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR)
	if(NOT ${_var})
		message(FATAL_ERROR "run-package-test.cmake: ${_var} is not set")
	endif()
endforeach()

set(_prefix ${WORK_DIR}/prefix)
set(_build ${WORK_DIR}/consumer-build)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Runs a command; stops the test with its output if it fails.
function(run_step NAME)
	execute_process(COMMAND ${ARGN}
		RESULT_VARIABLE _rc
		OUTPUT_VARIABLE _out
		ERROR_VARIABLE _err)
	if(NOT _rc EQUAL 0)
		message(FATAL_ERROR "${NAME} failed (${_rc}):\n${ARGN}\n${_out}\n${_err}")
	endif()
	message(STATUS "${NAME}: OK")
	set(STEP_OUTPUT "${_out}" PARENT_SCOPE)
endfunction()

# 1. Install.
set(_install_args --install ${ORGS_BINARY_DIR} --prefix ${_prefix})
if(BUILD_CONFIG)
	list(APPEND _install_args --config ${BUILD_CONFIG})
endif()
run_step("install" ${CMAKE_COMMAND} ${_install_args})

# 2. Configure and build the consumer against the prefix only.
set(_configure_args -S ${CONSUMER_SOURCE_DIR} -B ${_build} -DCMAKE_PREFIX_PATH=${_prefix})
if(GENERATOR)
	list(APPEND _configure_args -G ${GENERATOR})
endif()
if(MAKE_PROGRAM)
	list(APPEND _configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CXX_COMPILER)
	list(APPEND _configure_args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
if(BUILD_CONFIG)
	list(APPEND _configure_args -DCMAKE_BUILD_TYPE=${BUILD_CONFIG})
endif()
run_step("configure consumer" ${CMAKE_COMMAND} ${_configure_args})

set(_build_args --build ${_build})
if(BUILD_CONFIG)
	list(APPEND _build_args --config ${BUILD_CONFIG})
endif()
run_step("build consumer" ${CMAKE_COMMAND} ${_build_args})

# 3. Run the consumer and the installed host.
if(EXISTS ${_build}/consumer)
	set(_consumer ${_build}/consumer)
else()
	set(_consumer ${_build}/${BUILD_CONFIG}/consumer)
endif()
run_step("run consumer" ${_consumer})

run_step("orgs-host --help" ${_prefix}/bin/orgs-host --help)
if(NOT STEP_OUTPUT MATCHES "--config")
	message(FATAL_ERROR "orgs-host --help did not describe --config:\n${STEP_OUTPUT}")
endif()

message(STATUS "package.find_package: OK")
