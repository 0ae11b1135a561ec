//
// JsonReader.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonReader
//
// Strict parsing of a JSON request body.
//


#ifndef Orgs_JsonReader_INCLUDED
#define Orgs_JsonReader_INCLUDED


#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Http {


class JsonReader
	/// Parses a request body with Poco's parser, stricter than Poco:
	///
	///   - a key that appears twice in one object is refused (Poco keeps the last value, so
	///     {"role":"member","role":"admin"} would be read as admin);
	///   - an integer that does not fit in a signed 64-bit integer is read as a floating-point
	///     number, which no id, count or limit accepts (Poco 1.11 reads 2^64 + 1 as 1);
	///   - arrays and objects nest at most MAX_DEPTH levels (Poco recurses once per level).
{
public:
	static const std::size_t MAX_DEPTH = 32;

	static Poco::JSON::Object::Ptr parseObject(const std::string& text);
		/// Returns the JSON object in text (leading and trailing white space allowed).
		///
		/// Throws InvalidInputException: "malformed_json" for text that is not JSON or nests too
		/// deep, "invalid_body" for JSON that is not an object, and "duplicate_field" naming the
		/// first key found twice in one object, by its path ("workspaces[0].role").
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_JsonReader_INCLUDED
