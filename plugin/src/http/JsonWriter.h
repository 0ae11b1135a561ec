//
// JsonWriter.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonWriter
//
// Writes JSON text straight into a std::string, byte for byte as Poco::JSON would.
//


#ifndef Orgs_JsonWriter_INCLUDED
#define Orgs_JsonWriter_INCLUDED


#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <string>


namespace Orgs {
namespace Http {


class JsonWriter
	/// A streaming JSON writer for large responses (list pages): no Poco::JSON::Object per
	/// item, no Dynamic::Var per field, no ostream; the text goes into one std::string that a
	/// caller can reuse.
	///
	/// The output is the one Poco::JSON::Object::stringify() gives for the same values in
	/// the same order (no whitespace; strings escaped by Poco::toJSON, which the writer calls
	/// for any string that needs escaping at all: quotes, backslashes, '/', control
	/// characters, DEL and non-ASCII bytes; plain printable ASCII is copied as is). Times are
	/// written as JsonCodec::time() writes them. Separators are tracked for up to 32 levels
	/// of nesting.
	///
	///     JsonWriter w(text);
	///     w.beginObject();
	///     w.key("id"); w.value(Poco::Int64(1));
	///     w.endObject();
{
public:
	explicit JsonWriter(std::string& out);
		/// Appends to out.

	void beginObject();
	void endObject();
	void beginArray();
	void endArray();

	void key(const std::string& name);
		/// Writes the member's name (and the comma before it if needed) and the colon.

	void value(const std::string& text);
	void value(const char* text);
	void value(Poco::Int64 number);
	void value(bool flag);
	void null();
	void time(const Poco::Timestamp& ts);
		/// Writes ts as a string, as JsonCodec::time() formats it (2026-11-23T05:20:44Z).

	static void appendString(std::string& out, const std::string& text);
		/// Appends text as a quoted JSON string.

	static void appendTime(std::string& out, const Poco::Timestamp& ts);
		/// Appends ts formatted as JsonCodec::time() (not quoted).

private:
	void separate();
	void open(char bracket);
		/// Starts an object or an array (a value in the enclosing container).
	void close(char bracket);

	std::string& _out;
	unsigned _depth = 0;
	Poco::UInt32 _nonEmpty = 0; ///< bit d: the container at depth d has an element already
	bool _afterKey = false;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_JsonWriter_INCLUDED
