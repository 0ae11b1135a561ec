# ExtractSnippet.cmake: cmake -DREADME=... -DOUTPUT=... -P ExtractSnippet.cmake
#
# Writes the C++ block of README.md's "Using Orgs in your own host" section into OUTPUT as the
# body of OrgsReadme::runHostSnippet(context, accountId, orgId), its #include lines at file
# scope, so that the README's host example is compiled (and run, by the test sample.readme)
# exactly as written. The one change: the example's library path becomes the plugin of the
# build tree (ORGS_README_PLUGIN_LIBRARY). #line directives make compiler messages name
# README.md and its lines.

set(HEADING "## Using Orgs in your own host")
set(EXAMPLE_LIBRARY "\"/usr/local/lib/libOrgsPlugin.so\"")

file(STRINGS "${README}" lines)
set(state heading)
set(lineNumber 0)
set(includes "")
set(body "")
foreach(line IN LISTS lines)
	math(EXPR lineNumber "${lineNumber} + 1")
	if(state STREQUAL heading)
		if(line STREQUAL HEADING)
			set(state fence)
		endif()
	elseif(state STREQUAL fence)
		if(line MATCHES "^## ")
			break()
		endif()
		if(line STREQUAL "```cpp")
			set(state code)
			math(EXPR first "${lineNumber} + 1")
			set(body "#line ${first} \"${README}\"\n")
		endif()
	elseif(state STREQUAL code)
		if(line STREQUAL "```")
			set(state done)
			break()
		endif()
		if(line MATCHES "^#include ")
			string(APPEND includes "#line ${lineNumber} \"${README}\"\n${line}\n")
			string(APPEND body "\n")
		else()
			string(APPEND body "${line}\n")
		endif()
	endif()
endforeach()

if(NOT state STREQUAL done)
	message(FATAL_ERROR "${README}: no ```cpp block after \"${HEADING}\" (samples/readme compiles it)")
endif()
string(FIND "${body}" "${EXAMPLE_LIBRARY}" found)
if(found EQUAL -1)
	message(FATAL_ERROR "${README}: the host example no longer loads ${EXAMPLE_LIBRARY}; "
		"update samples/readme/ExtractSnippet.cmake, which replaces it with the build tree's plugin")
endif()
string(REPLACE "${EXAMPLE_LIBRARY}" "ORGS_README_PLUGIN_LIBRARY" body "${body}")

set(content "// Generated from README.md by samples/readme/ExtractSnippet.cmake: do not edit.\n\n")
string(APPEND content "#include \"ReadmeSnippet.h\"\n${includes}\n\n")
string(APPEND content "void OrgsReadme::runHostSnippet(Orgs::PluginContext& context, Orgs::Id accountId, Orgs::Id orgId)\n{\n")
string(APPEND content "${body}}\n")

# Rewrite only on change, so that an edit elsewhere in README.md rebuilds nothing.
if(EXISTS "${OUTPUT}")
	file(READ "${OUTPUT}" previous)
	if(previous STREQUAL content)
		return()
	endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
