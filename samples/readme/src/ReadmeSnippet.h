//
// ReadmeSnippet.h
//
// Library: Orgs
// Package: ReadmeSample
// Module:  ReadmeSnippet
//
// The host example of README.md, compiled from README.md itself (ExtractSnippet.cmake).
//


#ifndef Orgs_ReadmeSnippet_INCLUDED
#define Orgs_ReadmeSnippet_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/ServerPlugin.h"


namespace OrgsReadme {


void runHostSnippet(Orgs::PluginContext& context, Orgs::Id accountId, Orgs::Id orgId);
	/// Runs the README's example as written: loads the plugin, starts it with the context, checks
	/// one permission, stops and deletes the plugin and unloads the library. The example's
	/// library path is replaced by the build tree's plugin. Throws what the example throws.


} // namespace OrgsReadme


#endif // Orgs_ReadmeSnippet_INCLUDED
