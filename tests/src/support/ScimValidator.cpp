//
// ScimValidator.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ScimValidator
//


#include "support/ScimValidator.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Path.h"
#include <sstream>


namespace Orgs {
namespace Test {


ScimValidator::ScimValidator()
{
	const std::string dir = directory();
	const std::string script = Poco::Path(dir).append("validate.mjs").toString();
	if (!Poco::File(script).exists() || !Poco::File(Poco::Path(dir).append("node_modules").toString()).exists())
		throw Poco::FileNotFoundException("The SCIM validator is not installed in " + dir +
		                                  " (scripts/scim-validator.sh install " + dir + ")");
	Poco::Process::Args args{script};
	_pHandle.reset(new Poco::ProcessHandle(Poco::Process::launch("node", args, dir, &_in, &_out, nullptr)));
	_pToChild.reset(new Poco::PipeOutputStream(_in));
	_pFromChild.reset(new Poco::PipeInputStream(_out));
}


ScimValidator::~ScimValidator()
{
	try
	{
		_pToChild->close();
		_pHandle->wait();
	}
	catch (...)
	{
	}
}


std::string ScimValidator::directory()
{
	const std::string fromEnvironment = Poco::Environment::get("ORGS_SCIM_VALIDATOR_DIR", "");
	if (!fromEnvironment.empty())
		return fromEnvironment;
#ifdef ORGS_SCIM_VALIDATOR_DEFAULT_DIR
	return ORGS_SCIM_VALIDATOR_DEFAULT_DIR;
#else
	return "scim-validator";
#endif
}


std::vector<std::string> ScimValidator::validate(const std::string& body, int status, bool partial)
{
	return validate("auto", body, status, partial);
}


std::vector<std::string> ScimValidator::validate(const std::string& schema, const std::string& body, int status,
                                                 bool partial)
{
	Poco::JSON::Object request;
	request.set("schema", schema);
	request.set("body", body);
	request.set("status", status);
	request.set("partial", partial);
	std::ostringstream line;
	request.stringify(line);
	return ask(line.str());
}


std::vector<std::string> ScimValidator::ask(const std::string& request)
{
	std::lock_guard<std::mutex> lock(_mutex);
	*_pToChild << request << '\n';
	_pToChild->flush();
	std::string answer;
	if (!std::getline(*_pFromChild, answer))
		throw Poco::IOException("The SCIM validator process ended (is node installed?)");
	Poco::JSON::Parser parser;
	const auto pAnswer = parser.parse(answer).extract<Poco::JSON::Object::Ptr>();
	std::vector<std::string> errors;
	if (pAnswer->getValue<bool>("ok"))
		return errors;
	const auto pErrors = pAnswer->getArray("errors");
	for (unsigned i = 0; pErrors && i < pErrors->size(); ++i)
		errors.push_back(pErrors->getElement<std::string>(i));
	if (errors.empty())
		errors.push_back("the validator refused the body without saying why: " + answer);
	return errors;
}


} // namespace Test
} // namespace Orgs
