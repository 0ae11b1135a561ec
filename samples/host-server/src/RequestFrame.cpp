//
// RequestFrame.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  RequestFrame
//


#include "RequestFrame.h"
#include "Poco/Ascii.h"
#include <cstring>


namespace OrgsHost {


namespace {


bool isTokenChar(char c)
{
	// RFC 9110, section 5.6.2.
	return Poco::Ascii::isAlphaNumeric(c) || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}


bool isPocoSpace(char c)
{
	// What Poco's parser skips before a request line (Poco::Ascii::isSpace).
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}


bool isControl(char c)
{
	const unsigned char u = static_cast<unsigned char>(c);
	return (u < 0x20 && u != '\t') || u == 0x7f;
}


bool equalsIgnoreCase(const char* text, std::size_t length, const char* lowerCase)
{
	const std::size_t expected = std::strlen(lowerCase);
	if (length != expected)
		return false;
	for (std::size_t i = 0; i < length; ++i)
	{
		if (Poco::Ascii::toLower(text[i]) != lowerCase[i])
			return false;
	}
	return true;
}


// The longest request line Poco accepts: method, target, version and the spaces between.
const std::size_t MAX_REQUEST_LINE = RequestFrame::MAX_METHOD_LENGTH + 1 + RequestFrame::MAX_TARGET_LENGTH + 1 + 8 + 2;

// The longest header line Poco accepts, with some room for white space around the value.
const std::size_t MAX_FIELD_LINE = RequestFrame::MAX_NAME_LENGTH + 1 + RequestFrame::MAX_VALUE_LENGTH + 64;

// A chunk-size line: at most 8 hex digits (Poco's limit) and short extensions.
const std::size_t MAX_CHUNK_LINE = 1024;


} // namespace


RequestFrame::RequestFrame()
{
	reset();
}


void RequestFrame::reset()
{
	_phase = Phase::LEADING;
	_status = INCOMPLETE;
	_pos = 0;
	_lineBegin = 0;
	_headLength = 0;
	_chunkRemaining = 0;
	_fields = 0;
	_contentLength = -1;
	_chunked = false;
	_transferEncoding = false;
	_expectContinue = false;
	_continueSent = false;
	_http11 = false;
	_rejectStatus = Poco::Net::HTTPResponse::HTTP_BAD_REQUEST;
	_rejectCode.clear();
	_rejectDetail.clear();
}


RequestFrame::Status RequestFrame::scan(const char* data, std::size_t size, const Limits& limits)
{
	if (_status != INCOMPLETE)
		return _status;
	while (_pos < size)
	{
		switch (_phase)
		{
		case Phase::LEADING:
			while (_pos < size && isPocoSpace(data[_pos]))
				++_pos;
			if (_pos > limits.maxHeadBytes)
				return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
				              "The request starts with too much white space");
			if (_pos < size)
			{
				_phase = Phase::REQUEST_LINE;
				_lineBegin = _pos;
			}
			break;

		case Phase::BODY:
			if (size - _headLength >= static_cast<std::size_t>(_contentLength))
				return ready();
			_pos = size;
			break;

		case Phase::CHUNK_DATA:
			if (size - _pos >= _chunkRemaining)
			{
				_pos += _chunkRemaining;
				_chunkRemaining = 0;
				_phase = Phase::CHUNK_DATA_END;
				_lineBegin = _pos;
			}
			else
			{
				_chunkRemaining -= size - _pos;
				_pos = size;
			}
			break;

		case Phase::DONE:
			return ready();

		default: // a phase that reads lines
		{
			const void* pNewLine = std::memchr(data + _pos, '\n', size - _pos);
			if (!pNewLine)
			{
				_pos = size;
				return onPartialLine(data, _lineBegin, size, limits);
			}
			const std::size_t end = static_cast<const char*>(pNewLine) - data;
			_pos = end + 1;
			const Status status = onLine(data, _lineBegin, end, limits);
			_lineBegin = _pos;
			if (status != INCOMPLETE)
				return status;
		}
		}
	}
	return _status;
}


bool RequestFrame::expectsContinue() const
{
	return _expectContinue && !_continueSent && _status == INCOMPLETE && _headLength > 0;
}


void RequestFrame::continueSent()
{
	_continueSent = true;
}


RequestFrame::Status RequestFrame::reject(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
                                          const std::string& detail)
{
	_status = REJECTED;
	_rejectStatus = status;
	_rejectCode = code;
	_rejectDetail = detail;
	return _status;
}


RequestFrame::Status RequestFrame::ready()
{
	_phase = Phase::DONE;
	_status = READY;
	return _status;
}


RequestFrame::Status RequestFrame::onLine(const char* data, std::size_t begin, std::size_t end, const Limits& limits)
{
	std::size_t length = end - begin;
	if (length > 0 && data[end - 1] == '\r')
		--length;
	const char* line = data + begin;
	if (std::memchr(line, '\r', length))
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "A line of the request holds a carriage return that does not end it");
	}
	switch (_phase)
	{
	case Phase::REQUEST_LINE:
		return onRequestLine(line, length);
	case Phase::HEADERS:
		if (_pos > limits.maxHeadBytes)
		{
			return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
			              "The request head is larger than " + std::to_string(limits.maxHeadBytes) + " bytes");
		}
		if (length == 0)
			return onHeadEnd(limits);
		return onHeaderLine(line, length);
	case Phase::CHUNK_SIZE:
		return onChunkSizeLine(line, length, limits);
	case Phase::CHUNK_DATA_END:
		if (length != 0)
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "A chunk of the body is longer than its size");
		_phase = Phase::CHUNK_SIZE;
		return INCOMPLETE;
	case Phase::LAST_CHUNK_END:
		if (length != 0)
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "Trailer fields after a chunked body are not supported");
		return ready();
	default:
		return INCOMPLETE;
	}
}


RequestFrame::Status RequestFrame::onPartialLine(const char* data, std::size_t begin, std::size_t end,
                                                 const Limits& limits)
{
	const std::size_t length = end - begin;
	switch (_phase)
	{
	case Phase::REQUEST_LINE:
		if (checkMethod(data + begin, length) == REJECTED)
			return _status;
		if (length > MAX_REQUEST_LINE || end > limits.maxHeadBytes)
		{
			return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_URI_TOO_LONG, "uri_too_long",
			              "The request target is longer than " + std::to_string(MAX_TARGET_LENGTH) + " bytes");
		}
		break;
	case Phase::HEADERS:
		if (length > MAX_FIELD_LINE)
		{
			return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
			              "A header field is longer than " + std::to_string(MAX_VALUE_LENGTH) + " bytes");
		}
		if (end > limits.maxHeadBytes)
		{
			return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
			              "The request head is larger than " + std::to_string(limits.maxHeadBytes) + " bytes");
		}
		break;
	default: // the lines of a chunked body
		if (length > MAX_CHUNK_LINE)
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "A chunk-size line of the body is too long");
		if (end - _headLength > limits.maxBufferedBodyBytes)
			return ready(); // the request thread reads the rest
		break;
	}
	return INCOMPLETE;
}


RequestFrame::Status RequestFrame::checkMethod(const char* data, std::size_t length)
{
	for (std::size_t i = 0; i < length; ++i)
	{
		if (data[i] == ' ')
		{
			if (i == 0)
				break;
			return INCOMPLETE;
		}
		if (!isTokenChar(data[i]))
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "This is not an HTTP request");
		if (i == MAX_METHOD_LENGTH)
			break;
	}
	if (length > MAX_METHOD_LENGTH || (length > 0 && data[0] == ' '))
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "The request method is longer than " + std::to_string(MAX_METHOD_LENGTH) + " characters");
	}
	return INCOMPLETE;
}


RequestFrame::Status RequestFrame::onRequestLine(const char* line, std::size_t length)
{
	const char* pSpace = static_cast<const char*>(std::memchr(line, ' ', length));
	if (checkMethod(line, pSpace ? static_cast<std::size_t>(pSpace - line) : length) == REJECTED)
		return _status;
	if (!pSpace)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "The request line must be: method, target, HTTP version");
	}
	const char* const end = line + length;
	const char* target = pSpace;
	while (target < end && *target == ' ')
		++target;
	const char* targetEnd = target;
	while (targetEnd < end && *targetEnd != ' ')
		++targetEnd;
	if (static_cast<std::size_t>(targetEnd - target) > MAX_TARGET_LENGTH)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_URI_TOO_LONG, "uri_too_long",
		              "The request target is longer than " + std::to_string(MAX_TARGET_LENGTH) + " bytes");
	}
	for (const char* p = target; p < targetEnd; ++p)
	{
		if (isControl(*p) || *p == '\t')
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "The request target holds a control character");
	}
	const char* version = targetEnd;
	while (version < end && *version == ' ')
		++version;
	const char* versionEnd = end;
	while (versionEnd > version && (versionEnd[-1] == ' ' || versionEnd[-1] == '\t'))
		--versionEnd;
	if (target == targetEnd || version == versionEnd)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "The request line must be: method, target, HTTP version (HTTP/0.9 is not supported)");
	}
	const std::size_t versionLength = static_cast<std::size_t>(versionEnd - version);
	const bool httpVersion = versionLength == 8 && std::memcmp(version, "HTTP/", 5) == 0 &&
	                         Poco::Ascii::isDigit(version[5]) && version[6] == '.' && Poco::Ascii::isDigit(version[7]);
	if (!httpVersion)
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "Unknown HTTP version");
	if (version[5] != '1')
	{
		return reject(Poco::Net::HTTPResponse::HTTP_VERSION_NOT_SUPPORTED, "http_version_not_supported",
		              "This server speaks HTTP/1.0 and HTTP/1.1");
	}
	_http11 = version[7] != '0';
	_phase = Phase::HEADERS;
	return INCOMPLETE;
}


RequestFrame::Status RequestFrame::onHeaderLine(const char* line, std::size_t length)
{
	if (line[0] == ' ' || line[0] == '\t')
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "Folded header lines are not supported");
	}
	const char* pColon = static_cast<const char*>(std::memchr(line, ':', length));
	if (!pColon)
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "A header line has no colon");
	const std::size_t nameLength = static_cast<std::size_t>(pColon - line);
	if (nameLength > MAX_NAME_LENGTH)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
		              "A header field name is longer than " + std::to_string(MAX_NAME_LENGTH) + " characters");
	}
	if (nameLength == 0)
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "A header field has no name");
	for (std::size_t i = 0; i < nameLength; ++i)
	{
		if (!isTokenChar(line[i]))
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "A header field name holds a character that is not allowed there");
	}
	const char* value = pColon + 1;
	const char* valueEnd = line + length;
	while (value < valueEnd && (*value == ' ' || *value == '\t'))
		++value;
	while (valueEnd > value && (valueEnd[-1] == ' ' || valueEnd[-1] == '\t'))
		--valueEnd;
	const std::size_t valueLength = static_cast<std::size_t>(valueEnd - value);
	if (valueLength > MAX_VALUE_LENGTH)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
		              "A header field is longer than " + std::to_string(MAX_VALUE_LENGTH) + " bytes");
	}
	for (const char* p = value; p < valueEnd; ++p)
	{
		if (isControl(*p))
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
			              "A header field holds a control character");
	}
	if (++_fields > MAX_FIELDS)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_fields_too_large",
		              "The request has more than " + std::to_string(MAX_FIELDS) + " header fields");
	}

	if (equalsIgnoreCase(line, nameLength, "content-length"))
	{
		Poco::Int64 contentLength = 0;
		bool valid = valueLength > 0 && valueLength <= 18;
		for (const char* p = value; valid && p < valueEnd; ++p)
		{
			valid = Poco::Ascii::isDigit(*p);
			contentLength = contentLength * 10 + (*p - '0');
		}
		if (!valid || (_contentLength >= 0 && _contentLength != contentLength))
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "Invalid Content-Length");
		_contentLength = contentLength;
	}
	else if (equalsIgnoreCase(line, nameLength, "transfer-encoding"))
	{
		if (_transferEncoding || !_http11)
			return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "Invalid Transfer-Encoding");
		if (!equalsIgnoreCase(value, valueLength, "chunked"))
		{
			return reject(Poco::Net::HTTPResponse::HTTP_NOT_IMPLEMENTED, "unsupported_transfer_encoding",
			              "The only transfer coding supported is chunked");
		}
		_transferEncoding = true;
		_chunked = true;
	}
	else if (equalsIgnoreCase(line, nameLength, "expect"))
	{
		_expectContinue = equalsIgnoreCase(value, valueLength, "100-continue");
	}
	return INCOMPLETE;
}


RequestFrame::Status RequestFrame::onHeadEnd(const Limits& limits)
{
	_headLength = _pos;
	if (_transferEncoding && _contentLength >= 0)
	{
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request",
		              "A request must not have both Content-Length and Transfer-Encoding");
	}
	if (!_http11)
		_expectContinue = false;
	if (_chunked)
	{
		_phase = Phase::CHUNK_SIZE;
		return INCOMPLETE;
	}
	if (_contentLength > 0 && static_cast<Poco::UInt64>(_contentLength) <= limits.maxBufferedBodyBytes)
	{
		_phase = Phase::BODY;
		return INCOMPLETE;
	}
	// No body, or one too large to buffer: the request thread reads it.
	return ready();
}


RequestFrame::Status RequestFrame::onChunkSizeLine(const char* line, std::size_t length, const Limits& limits)
{
	std::size_t digits = 0;
	Poco::UInt64 chunkSize = 0;
	while (digits < length && Poco::Ascii::isHexDigit(line[digits]))
	{
		const char c = Poco::Ascii::toLower(line[digits]);
		chunkSize = chunkSize * 16 + static_cast<Poco::UInt64>(Poco::Ascii::isDigit(c) ? c - '0' : c - 'a' + 10);
		++digits;
	}
	const bool extension = digits == length || line[digits] == ';' || line[digits] == ' ' || line[digits] == '\t';
	if (digits == 0 || digits > 8 || !extension)
		return reject(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed_request", "Invalid chunk size");
	if (chunkSize == 0)
	{
		_phase = Phase::LAST_CHUNK_END;
		return INCOMPLETE;
	}
	if (_pos - _headLength + chunkSize + 2 > limits.maxBufferedBodyBytes)
		return ready(); // the request thread reads the rest
	_chunkRemaining = static_cast<std::size_t>(chunkSize);
	_phase = Phase::CHUNK_DATA;
	return INCOMPLETE;
}


} // namespace OrgsHost
