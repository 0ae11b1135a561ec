//
// Schema.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Schema
//


#include "scim/Schema.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Scim {


const std::string Schema::USER("urn:ietf:params:scim:schemas:core:2.0:User");
const std::string Schema::GROUP("urn:ietf:params:scim:schemas:core:2.0:Group");
const std::string Schema::ENTERPRISE("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");


namespace {


using Type = Attribute::Type;
using Mutability = Attribute::Mutability;
using Returned = Attribute::Returned;
using Uniqueness = Attribute::Uniqueness;


Attribute text(const std::string& name, const std::string& description, bool caseExact = false)
	/// A single-valued, optional, read-write string returned by default: most of RFC 7643's.
{
	Attribute a;
	a.name = name;
	a.description = description;
	a.caseExact = caseExact;
	return a;
}


Attribute with(Attribute a, Mutability mutability)
{
	a.mutability = mutability;
	return a;
}


Attribute complex(const std::string& name, const std::string& description, std::vector<Attribute> subAttributes,
                  bool multiValued = false)
{
	Attribute a;
	a.name = name;
	a.type = Type::COMPLEX;
	a.description = description;
	a.multiValued = multiValued;
	a.subAttributes = std::move(subAttributes);
	return a;
}


Attribute reference(const std::string& name, const std::string& description, std::vector<std::string> types)
{
	Attribute a;
	a.name = name;
	a.type = Type::REFERENCE;
	a.description = description;
	a.caseExact = true;
	a.referenceTypes = std::move(types);
	return a;
}


std::vector<Attribute> commonAttributes()
	/// RFC 7643 §3.1: id, externalId and meta belong to every resource and to no schema.
{
	Attribute id = with(text("id",
	                         "A unique identifier for the resource, assigned by the service provider; "
	                         "case-sensitive",
	                         true),
	                    Mutability::READ_ONLY);
	id.returned = Returned::ALWAYS;
	id.uniqueness = Uniqueness::SERVER;

	Attribute externalId =
	    text("externalId", "The identifier of the resource in the provisioning client (the directory)", true);

	Attribute created =
	    with(text("created", "When the resource was added to the service provider"), Mutability::READ_ONLY);
	created.type = Type::DATETIME;
	Attribute lastModified = with(text("lastModified", "When the resource was last changed"), Mutability::READ_ONLY);
	lastModified.type = Type::DATETIME;
	Attribute location = with(reference("location", "The URI of the resource", {"uri"}), Mutability::READ_ONLY);
	Attribute meta =
	    with(complex("meta", "Resource metadata",
	                 {with(text("resourceType", "The name of the resource type", true), Mutability::READ_ONLY), created,
	                  lastModified, location,
	                  with(text("version", "The version of the resource", true), Mutability::READ_ONLY)}),
	         Mutability::READ_ONLY);
	meta.returned = Returned::ALWAYS;
	return {id, externalId, meta};
}


Schema::Definition userDefinition()
{
	Attribute userName = text("userName", "Unique identifier for the User, typically used to sign in; compared "
	                                      "ignoring case");
	userName.required = true;
	userName.uniqueness = Uniqueness::SERVER;

	Attribute name =
	    complex("name", "The components of the user's name",
	            {text("formatted", "The full name, formatted for display"),
	             text("familyName", "The family name (last name)"), text("givenName", "The given name (first name)")});

	Attribute emailType = text("type", "A label for the address: work, home or other");
	emailType.canonicalValues = {"work", "home", "other"};
	Attribute primary = text("primary", "Whether this is the primary address; at most one is");
	primary.type = Type::BOOLEAN;
	Attribute emails = complex("emails", "Email addresses of the user",
	                           {text("value", "The email address; compared ignoring case"),
	                            text("display", "A label for display"), emailType, primary},
	                           true);

	Attribute active = text("active", "Whether the user is active; false removes the membership it gives");
	active.type = Type::BOOLEAN;

	return {Schema::USER,
	        "User",
	        "User Account",
	        {userName, name, text("displayName", "The name of the user, suitable for display"), emails, active}};
}


Schema::Definition enterpriseDefinition()
{
	Attribute managerName = with(text("displayName", "The manager's display name"), Mutability::READ_ONLY);
	Attribute managerId = text("value", "The id of the SCIM resource of the user's manager", true);
	Attribute manager =
	    complex("manager", "The user's manager",
	            {managerId, reference("$ref", "The URI of the manager's SCIM resource", {"User"}), managerName});
	return {Schema::ENTERPRISE,
	        "EnterpriseUser",
	        "Enterprise User",
	        {text("employeeNumber", "A string identifier, typically numeric or alphanumeric, assigned to a person"),
	         text("costCenter", "The name of a cost center"), text("organization", "The name of an organization"),
	         text("division", "The name of a division"), text("department", "The name of a department"), manager}};
}


Schema::Definition groupDefinition()
{
	Attribute displayName = text("displayName", "A human-readable name for the Group");
	displayName.required = true;

	Attribute value = with(text("value", "The id of the member's SCIM resource", true), Mutability::IMMUTABLE);
	Attribute ref =
	    with(reference("$ref", "The URI of the member's SCIM resource", {"User", "Group"}), Mutability::IMMUTABLE);
	Attribute display = with(text("display", "The member's display name"), Mutability::READ_ONLY);
	Attribute type = with(text("type", "The member's resource type: User"), Mutability::IMMUTABLE);
	type.canonicalValues = {"User", "Group"};
	return {Schema::GROUP,
	        "Group",
	        "Group",
	        {displayName, complex("members", "The members of the Group", {value, ref, display, type}, true)}};
}


bool startsWithIgnoringCase(const std::string& text, const std::string& prefix)
{
	return text.size() >= prefix.size() && Poco::icompare(text, 0, prefix.size(), prefix) == 0;
}


const Attribute* findIn(const std::vector<Attribute>& attributes, const std::string& name)
{
	for (const auto& a : attributes)
	{
		if (Poco::icompare(a.name, name) == 0)
			return &a;
	}
	return nullptr;
}


} // namespace


std::string Schema::Path::text() const
{
	if (!attribute)
		return std::string();
	std::string out = extension ? schema + ":" + attribute->name : attribute->name;
	if (subAttribute)
		out += "." + subAttribute->name;
	return out;
}


Schema::Schema(std::string resourceType, std::string endpoint, std::string description, Definition core,
               std::vector<Extension> extensions, std::vector<std::string> ignored)
    : _resourceType(std::move(resourceType)), _endpoint(std::move(endpoint)), _description(std::move(description)),
      _core(std::move(core)), _extensions(std::move(extensions)), _common(commonAttributes()),
      _ignored(std::move(ignored))
{
}


const Schema& Schema::user()
{
	// RFC 7643 §4.1 attributes that Orgs does not store: Entra's default attribute mappings send
	// several of them (title, preferredLanguage, phoneNumbers, addresses), and refusing them
	// would stop provisioning at the first user.
	static const Schema schema(
	    "User", "/Users", "User Account", userDefinition(), {Extension{enterpriseDefinition(), false}},
	    {"nickname", "profileurl", "title", "usertype", "preferredlanguage", "locale", "timezone", "password",
	     "phonenumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509certificates",
	     "name.middlename", "name.honorificprefix", "name.honorificsuffix"});
	return schema;
}


const Schema& Schema::group()
{
	static const Schema schema("Group", "/Groups", "Group", groupDefinition(), {}, {});
	return schema;
}


const Schema* Schema::forResourceType(const std::string& name)
{
	if (Poco::icompare(name, "User") == 0)
		return &user();
	if (Poco::icompare(name, "Group") == 0)
		return &group();
	return nullptr;
}


const Schema::Extension* Schema::extension(const std::string& urn) const
{
	for (const auto& e : _extensions)
	{
		if (Poco::icompare(e.definition.id, urn) == 0)
			return &e;
	}
	return nullptr;
}


bool Schema::isSchemaUrn(const std::string& urn) const
{
	return Poco::icompare(_core.id, urn) == 0 || extension(urn) != nullptr;
}


Schema::Path Schema::resolve(const std::string& path) const
{
	Path out;
	std::string rest = path;
	const Definition* pOnly = nullptr; // the schema the path names by URN
	bool qualified = false;
	if (startsWithIgnoringCase(path, "urn:"))
	{
		// The longest URN that prefixes the path followed by ":" (extension URNs extend the core one).
		std::size_t best = 0;
		if (startsWithIgnoringCase(path, _core.id + ":"))
		{
			pOnly = &_core;
			best = _core.id.size();
		}
		for (const auto& e : _extensions)
		{
			if (e.definition.id.size() > best && startsWithIgnoringCase(path, e.definition.id + ":"))
			{
				pOnly = &e.definition;
				best = e.definition.id.size();
			}
		}
		if (!pOnly)
			return out;
		qualified = true;
		rest = path.substr(best + 1);
	}
	const std::size_t dot = rest.find('.');
	const std::string name = rest.substr(0, dot);
	const std::string sub = dot == std::string::npos ? std::string() : rest.substr(dot + 1);
	if (name.empty() || (dot != std::string::npos && (sub.empty() || sub.find('.') != std::string::npos)))
		return out;

	auto isIgnored = [&](const std::string& key) {
		return std::find(_ignored.begin(), _ignored.end(), Poco::toLower(key)) != _ignored.end();
	};

	const Attribute* pAttribute = nullptr;
	if (!qualified || pOnly == &_core)
	{
		pAttribute = findIn(_core.attributes, name);
		if (!pAttribute)
			pAttribute = findIn(_common, name);
		if (pAttribute)
			out.schema = _core.id;
	}
	if (!pAttribute)
	{
		for (const auto& e : _extensions)
		{
			if (qualified && pOnly != &e.definition)
				continue;
			pAttribute = findIn(e.definition.attributes, name);
			if (pAttribute)
			{
				out.schema = e.definition.id;
				out.extension = true;
				break;
			}
		}
	}
	if (!pAttribute)
	{
		if ((!qualified || pOnly == &_core) && isIgnored(name))
			out.status = Path::Status::IGNORED;
		return out;
	}
	out.attribute = pAttribute;
	if (!sub.empty())
	{
		out.subAttribute = pAttribute->subAttribute(sub);
		if (!out.subAttribute)
		{
			out.status = isIgnored(pAttribute->name + "." + sub) ? Path::Status::IGNORED : Path::Status::UNKNOWN;
			out.attribute = nullptr;
			out.schema.clear();
			out.extension = false;
			return out;
		}
	}
	out.status = Path::Status::FOUND;
	return out;
}


Schema::Path Schema::require(const std::string& path, const std::string& scimType) const
{
	Path out = resolve(path);
	if (out.status == Path::Status::UNKNOWN)
		throw InvalidInputException("The attribute path \"" + path + "\" names no attribute of a " + _resourceType,
		                            scimType);
	return out;
}


Schema::Path Schema::topLevel(const Attribute& attribute) const
{
	Path out;
	out.attribute = &attribute;
	out.status = Path::Status::FOUND;
	auto within = [&](const std::vector<Attribute>& list) {
		for (const auto& a : list)
		{
			if (&a == &attribute)
				return true;
		}
		return false;
	};
	if (within(_core.attributes) || within(_common))
	{
		out.schema = _core.id;
		return out;
	}
	for (const auto& e : _extensions)
	{
		if (within(e.definition.attributes))
		{
			out.schema = e.definition.id;
			out.extension = true;
			return out;
		}
	}
	return resolve(attribute.name);
}


} // namespace Scim
} // namespace Orgs
