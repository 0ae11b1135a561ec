# Package.cmake: makes an installed Orgs usable with find_package(Orgs).
# Included at the end of the top-level CMakeLists.txt.
#
#     find_package(Orgs 0.1 REQUIRED)
#     target_link_libraries(myhost PRIVATE Orgs::Orgs)
#     # ${Orgs_PLUGIN_LIBRARY}: the installed libOrgsPlugin.so
#     # ${Orgs_CONFIG_DIR}: the installed etc/orgs (orgs.properties, roles.properties, host.properties)

include(CMakePackageConfigHelpers)

# The installed plugin finds libOrgs.so next to itself.
set_target_properties(OrgsPlugin PROPERTIES INSTALL_RPATH "$ORIGIN")

install(EXPORT OrgsTargets
	NAMESPACE Orgs::
	FILE OrgsTargets.cmake
	DESTINATION ${ORGS_INSTALL_CMAKEDIR})

# Paths for OrgsConfig.cmake, relative to the prefix (made absolute there by @PACKAGE_INIT@).
set(ORGS_PLUGIN_INSTALL_PATH
	"${CMAKE_INSTALL_LIBDIR}/${CMAKE_SHARED_MODULE_PREFIX}OrgsPlugin${CMAKE_SHARED_MODULE_SUFFIX}")
set(ORGS_CONFIG_INSTALL_DIR "${ORGS_INSTALL_CONFDIR}")

configure_package_config_file(
	${PROJECT_SOURCE_DIR}/cmake/OrgsConfig.cmake.in
	${PROJECT_BINARY_DIR}/cmake/OrgsConfig.cmake
	INSTALL_DESTINATION ${ORGS_INSTALL_CMAKEDIR}
	PATH_VARS ORGS_PLUGIN_INSTALL_PATH ORGS_CONFIG_INSTALL_DIR)

write_basic_package_version_file(
	${PROJECT_BINARY_DIR}/cmake/OrgsConfigVersion.cmake
	VERSION ${PROJECT_VERSION}
	COMPATIBILITY SameMinorVersion)

install(FILES
	${PROJECT_BINARY_DIR}/cmake/OrgsConfig.cmake
	${PROJECT_BINARY_DIR}/cmake/OrgsConfigVersion.cmake
	DESTINATION ${ORGS_INSTALL_CMAKEDIR})
