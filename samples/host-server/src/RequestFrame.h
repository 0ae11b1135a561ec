//
// RequestFrame.h
//
// Library: Orgs
// Package: HostServer
// Module:  RequestFrame
//
// Where a request ends in the bytes a connection has received so far.
//


#ifndef Orgs_RequestFrame_INCLUDED
#define Orgs_RequestFrame_INCLUDED


#include "Poco/Net/HTTPResponse.h"
#include "Poco/Types.h"
#include <cstddef>
#include <string>


namespace OrgsHost {


class RequestFrame
	/// Tells whether the bytes a connection has received hold a whole HTTP/1.x request that a
	/// request thread can serve without waiting for the client, and rejects, as early as it can,
	/// what Poco's parser would refuse or wait for forever.
	///
	/// A request is ready when its head (request line and header fields, up to the empty line)
	/// has arrived and its body either has arrived too (Content-Length or chunked, up to
	/// maxBufferedBodyBytes) or is larger than that; a request with neither Content-Length nor
	/// Transfer-Encoding has no body (RFC 9112, section 6.3), whatever its method.
	///
	/// The head is checked against Poco's own limits so that Poco never refuses it with a bare
	/// 400: a method of at most 32 token characters, a target of at most 16,384 bytes (else 414),
	/// "HTTP/1.x" (HTTP/0.9 and garbage are 400, other major versions 505), at most 100 header
	/// fields of at most 256 + 8,192 bytes and a head of at most maxHeadBytes (else 431).
	/// Framing that two parsers could read differently is refused (400): folded header lines,
	/// lines without a colon, control characters, both Content-Length and Transfer-Encoding,
	/// differing Content-Lengths, chunk trailers; a transfer coding other than chunked is 501.
	///
	/// scan() is incremental: each call continues where the previous one stopped, so a client
	/// sending its head a byte at a time costs linear time.
{
public:
	enum Status
	{
		INCOMPLETE, /// more bytes are needed
		READY,      /// a request thread can take the request
		REJECTED    /// answer status(), code(), detail() and close the connection
	};

	struct Limits
	{
		std::size_t maxHeadBytes = 32 * 1024;
		std::size_t maxBufferedBodyBytes = 64 * 1024;
	};

	RequestFrame();
		/// Creates a frame waiting for the first byte of a request.

	void reset();
		/// Starts over, for the next request on the connection.

	Status scan(const char* data, std::size_t size, const Limits& limits);
		/// Examines the bytes of the connection from the start of this request on. Between calls
		/// the caller may only append bytes (the same prefix each time).

	Status status() const;
		/// Returns the result of the last scan().

	bool started() const;
		/// Returns true once a byte of the request other than leading white space has arrived.

	std::size_t headLength() const;
		/// Returns the length of the head, leading white space included, once it is complete.

	bool expectsContinue() const;
		/// Returns true if the head is complete, asks for "100 Continue" and the body has yet to
		/// be buffered; continueSent() turns it off.

	void continueSent();
		/// Records that "100 Continue" was sent.

	bool wasContinueSent() const;
		/// Returns true if continueSent() was called for this request.

	Poco::Net::HTTPResponse::HTTPStatus rejectStatus() const;
	const std::string& rejectCode() const;
	const std::string& rejectDetail() const;
		/// The answer to a REJECTED request.

	static const std::size_t MAX_METHOD_LENGTH = 32;
	static const std::size_t MAX_TARGET_LENGTH = 16384;
	static const std::size_t MAX_NAME_LENGTH = 256;
	static const std::size_t MAX_VALUE_LENGTH = 8192;
	static const int MAX_FIELDS = 100;
		/// Poco's limits (HTTPRequest, MessageHeader).

private:
	enum class Phase
	{
		LEADING,
		REQUEST_LINE,
		HEADERS,
		BODY,
		CHUNK_SIZE,
		CHUNK_DATA,
		CHUNK_DATA_END,
		LAST_CHUNK_END,
		DONE
	};

	Status reject(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code, const std::string& detail);
	Status ready();
	Status onLine(const char* data, std::size_t begin, std::size_t end, const Limits& limits);
	Status onPartialLine(const char* data, std::size_t begin, std::size_t end, const Limits& limits);
	Status onRequestLine(const char* line, std::size_t length);
	Status onHeaderLine(const char* line, std::size_t length);
	Status onHeadEnd(const Limits& limits);
	Status onChunkSizeLine(const char* line, std::size_t length, const Limits& limits);
	Status checkMethod(const char* data, std::size_t length);

	Phase _phase;
	Status _status;
	std::size_t _pos;       // next byte to examine
	std::size_t _lineBegin; // start of the line being received
	std::size_t _headLength;
	std::size_t _chunkRemaining;
	int _fields;
	Poco::Int64 _contentLength; // -1: none
	bool _chunked;
	bool _transferEncoding;
	bool _expectContinue;
	bool _continueSent;
	bool _http11;
	Poco::Net::HTTPResponse::HTTPStatus _rejectStatus;
	std::string _rejectCode;
	std::string _rejectDetail;
};


//
// inlines
//
inline RequestFrame::Status RequestFrame::status() const
{
	return _status;
}


inline bool RequestFrame::started() const
{
	return _phase != Phase::LEADING;
}


inline std::size_t RequestFrame::headLength() const
{
	return _headLength;
}


inline bool RequestFrame::wasContinueSent() const
{
	return _continueSent;
}


inline Poco::Net::HTTPResponse::HTTPStatus RequestFrame::rejectStatus() const
{
	return _rejectStatus;
}


inline const std::string& RequestFrame::rejectCode() const
{
	return _rejectCode;
}


inline const std::string& RequestFrame::rejectDetail() const
{
	return _rejectDetail;
}


} // namespace OrgsHost


#endif // Orgs_RequestFrame_INCLUDED
