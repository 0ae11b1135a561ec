//
// JsonCodec.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonCodec
//
// The JSON representation of the model. Field names are snake_case, times RFC 3339 UTC.
//


#ifndef Orgs_JsonCodec_INCLUDED
#define Orgs_JsonCodec_INCLUDED


#include "http/JsonWriter.h"
#include "Orgs/Model.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <vector>


namespace Orgs {
namespace Http {


class JsonCodec
	/// Encodes value types for responses.
{
public:
	static Poco::JSON::Object::Ptr object();
		/// Returns an empty object that keeps its keys in insertion order.

	static std::string time(const Poco::Timestamp& ts);
		/// Returns ts as RFC 3339 in UTC, e.g. 2026-11-23T05:20:44Z.

	static Poco::JSON::Object::Ptr account(const Account& a);
	static Poco::JSON::Object::Ptr organization(const Organization& o);
	static Poco::JSON::Object::Ptr organization(const OrganizationMembership& om);
	static Poco::JSON::Object::Ptr membership(const Membership& m);
	static Poco::JSON::Object::Ptr workspace(const Workspace& w);
	static Poco::JSON::Object::Ptr workspaceMember(const WorkspaceMember& m);
	static Poco::JSON::Object::Ptr resource(const Resource& r);
		/// workspace_id is null for a resource outside any workspace.
	static Poco::JSON::Object::Ptr collaborator(const Collaborator& c);
	static Poco::JSON::Object::Ptr token(const AccessToken& t);
	static Poco::JSON::Object::Ptr token(const IssuedToken& t);
	static Poco::JSON::Object::Ptr roles(const std::vector<RoleScopeInfo>& scopes);
	static Poco::JSON::Object::Ptr invitation(const Invitation& i);
	static Poco::JSON::Object::Ptr invitation(const IssuedInvitation& i);
		/// Adds "token" only when the service exposed it (orgs.invitations.exposeToken).
	static Poco::JSON::Object::Ptr invitationView(const InvitationView& v);
	static Poco::JSON::Object::Ptr plan(const Plan& p);
	static Poco::JSON::Object::Ptr usage(const Usage& u);

	static void write(JsonWriter& w, const Membership& m);
		/// Writes what membership(m) encodes, in the same order, without Poco::JSON.

	template <class T>
	static void writePage(JsonWriter& w, const Page<T>& page)
		/// Writes what page(page, ...) encodes: {"items":[...],"next_cursor":"..."|null}, each
		/// item through write(w, item).
	{
		w.beginObject();
		w.key("items");
		w.beginArray();
		for (const auto& item : page.items)
			write(w, item);
		w.endArray();
		w.key("next_cursor");
		if (page.nextCursor.empty())
			w.null();
		else
			w.value(page.nextCursor);
		w.endObject();
	}

	template <class T, class Fn>
	static Poco::JSON::Object::Ptr page(const Page<T>& page, Fn encode)
		/// Returns {"items":[...],"next_cursor":"..."|null}.
	{
		Poco::JSON::Object::Ptr result = object();
		Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
		for (const auto& item : page.items)
			items->add(encode(item));
		result->set("items", items);
		if (page.nextCursor.empty())
			result->set("next_cursor", Poco::Dynamic::Var());
		else
			result->set("next_cursor", page.nextCursor);
		return result;
	}
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_JsonCodec_INCLUDED
