//
// ScimValidator.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ScimValidator
//
// An independent check of SCIM response bodies against the RFC 7643/7644 schemas.
//


#ifndef Orgs_ScimValidator_INCLUDED
#define Orgs_ScimValidator_INCLUDED


#include "Poco/Pipe.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include <memory>
#include <mutex>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class ScimValidator
	/// Runs tests/scim/validate.mjs (node, with the npm packages of tests/scim installed by
	/// `npm ci` into the build folder) as one long-lived child process, and asks it to check
	/// bodies: one JSON request per line on its stdin, one JSON answer per line on its stdout.
	///
	/// The schemas are JSON Schemas of RFC 7643's User, Group and enterprise User, RFC 7644's
	/// ListResponse and Error, and RFC 7643 §5-§6's ServiceProviderConfig, Schema and
	/// ResourceType, run by ajv: written from the RFCs, not from Orgs' code, so they catch what
	/// Orgs' own expectations would share with its bugs. Create one per fixture (the process
	/// starts in about 0.3 s) and keep it for the fixture's tests.
{
public:
	ScimValidator();
		/// Starts the validator process. Throws Poco::FileNotFoundException when the validator
		/// is not installed (the build runs npm ci; see tests/scim/README.md).

	~ScimValidator();
		/// Closes the process's stdin and waits for it.

	std::vector<std::string> validate(const std::string& body, int status = 200, bool partial = false);
		/// Returns the violations of a response body (empty: valid). The schema is chosen from the
		/// body's "schemas" (a User, Group, ListResponse, Error, ServiceProviderConfig, Schema or
		/// ResourceType; a ListResponse's Resources each by their own "schemas"); a body that is
		/// not JSON or names no known schema is itself a violation. An Error must come with a
		/// status of 400 or more equal to its "status" member, and such a status with an Error.
		/// partial (the request had attributes or excludedAttributes) lets attributes the RFC
		/// requires be absent, except id, schemas and meta.

	std::vector<std::string> validate(const std::string& schema, const std::string& body, int status,
	                                  bool partial = false);
		/// Returns the violations of body against the named schema ("User", "Group",
		/// "EnterpriseUser", "ListResponse", "Error", "ServiceProviderConfig", "Schema",
		/// "ResourceType").

	static std::string directory();
		/// Returns the folder of the installed validator (validate.mjs, node_modules): the
		/// environment's ORGS_SCIM_VALIDATOR_DIR, else the build's.

private:
	ScimValidator(const ScimValidator&) = delete;
	ScimValidator& operator=(const ScimValidator&) = delete;

	std::vector<std::string> ask(const std::string& request);

	std::mutex _mutex;
	Poco::Pipe _in;
	Poco::Pipe _out;
	std::unique_ptr<Poco::ProcessHandle> _pHandle;
	std::unique_ptr<Poco::PipeOutputStream> _pToChild;
	std::unique_ptr<Poco::PipeInputStream> _pFromChild;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ScimValidator_INCLUDED
