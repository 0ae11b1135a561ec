//
// CompactJws.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  CompactJws
//
// A JSON Web Token in the JWS compact serialization, decoded but not yet verified.
//


#ifndef Orgs_CompactJws_INCLUDED
#define Orgs_CompactJws_INCLUDED


#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Federation {


class CompactJws
	/// The three parts of "<header>.<payload>.<signature>" (RFC 7515, 7.1; RFC 7519, 7.2),
	/// decoded. Nothing in it is to be believed until the signature over signingInput() was
	/// verified with a key of the issuer.
{
public:
	static const std::size_t MAX_LENGTH = 16384; ///< longer tokens are refused unread

	static bool looksLike(const std::string& token);
		/// Returns true if token has the shape of a compact JWS: three parts of base64url
		/// characters separated by dots, the first two not empty. Cheap; decodes nothing.

	static CompactJws parse(const std::string& token);
		/// Decodes token. Throws UnauthenticatedException ("token_malformed") unless it is a
		/// compact JWS whose header and payload are JSON objects (read strictly: no key twice)
		/// and whose header names an algorithm ("alg"), and whose header names no critical
		/// extension ("crit": RFC 7515, 4.1.11, none is understood here).

	const std::string& algorithm() const;
		/// Returns the header's alg, as written.

	const std::string& keyId() const;
		/// Returns the header's kid, or "" if it has none.

	Poco::JSON::Object::Ptr header() const;
	Poco::JSON::Object::Ptr payload() const;

	const std::string& signingInput() const;
		/// Returns "<header>.<payload>" as sent: what the signature covers.

	const std::string& signature() const;
		/// Returns the signature's bytes.

private:
	CompactJws() = default;

	std::string _algorithm;
	std::string _keyId;
	Poco::JSON::Object::Ptr _pHeader;
	Poco::JSON::Object::Ptr _pPayload;
	std::string _signingInput;
	std::string _signature;
};


//
// inlines
//
inline const std::string& CompactJws::algorithm() const
{
	return _algorithm;
}


inline const std::string& CompactJws::keyId() const
{
	return _keyId;
}


inline Poco::JSON::Object::Ptr CompactJws::header() const
{
	return _pHeader;
}


inline Poco::JSON::Object::Ptr CompactJws::payload() const
{
	return _pPayload;
}


inline const std::string& CompactJws::signingInput() const
{
	return _signingInput;
}


inline const std::string& CompactJws::signature() const
{
	return _signature;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_CompactJws_INCLUDED
