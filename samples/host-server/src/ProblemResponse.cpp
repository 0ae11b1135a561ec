//
// ProblemResponse.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  ProblemResponse
//


#include "ProblemResponse.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/Timestamp.h"
#include <cstdio>


namespace OrgsHost {


const std::string ProblemResponse::CONTENT_TYPE("application/problem+json");


std::string ProblemResponse::document(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
                                      const std::string& detail)
{
	std::string result("{\"type\":\"about:blank\",\"title\":");
	result += jsonString(Poco::Net::HTTPResponse::getReasonForStatus(status));
	result += ",\"status\":";
	result += std::to_string(static_cast<int>(status));
	result += ",\"code\":";
	result += jsonString(code);
	result += ",\"detail\":";
	result += jsonString(detail);
	result += '}';
	return result;
}


void ProblemResponse::send(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                           const std::string& code, const std::string& detail)
{
	const std::string text = document(status, code, detail);
	response.setStatusAndReason(status);
	response.setContentType(CONTENT_TYPE);
	response.sendBuffer(text.data(), text.size());
}


std::string ProblemResponse::message(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
                                     const std::string& detail)
{
	const std::string text = document(status, code, detail);
	std::string result("HTTP/1.1 ");
	result += std::to_string(static_cast<int>(status));
	result += ' ';
	result += Poco::Net::HTTPResponse::getReasonForStatus(status);
	result += "\r\nDate: ";
	result += Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::HTTP_FORMAT);
	result += "\r\nContent-Type: ";
	result += CONTENT_TYPE;
	result += "\r\nContent-Length: ";
	result += std::to_string(text.size());
	if (status == Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE)
		result += "\r\nRetry-After: 1";
	result += "\r\nConnection: close\r\n\r\n";
	result += text;
	return result;
}


std::string ProblemResponse::jsonString(const std::string& value)
{
	std::string result("\"");
	const std::size_t size = value.size();
	for (std::size_t i = 0; i < size;)
	{
		const unsigned char c = static_cast<unsigned char>(value[i]);
		if (c >= 0x80)
		{
			// UTF-8 is kept as it is; any other byte (a raw path can hold anything) becomes U+FFFD,
			// so that the document stays valid JSON.
			const std::size_t length = utf8SequenceLength(value, i);
			if (length == 0)
			{
				result += "\\ufffd";
				++i;
			}
			else
			{
				result.append(value, i, length);
				i += length;
			}
			continue;
		}
		switch (c)
		{
		case '"':
			result += "\\\"";
			break;
		case '\\':
			result += "\\\\";
			break;
		case '\n':
			result += "\\n";
			break;
		case '\r':
			result += "\\r";
			break;
		case '\t':
			result += "\\t";
			break;
		default:
			if (c < 0x20 || c == 0x7f)
			{
				char escaped[8];
				std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
				result += escaped;
			}
			else
			{
				result += static_cast<char>(c);
			}
		}
		++i;
	}
	result += '"';
	return result;
}


std::size_t ProblemResponse::utf8SequenceLength(const std::string& text, std::size_t pos)
{
	const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
	const unsigned char lead = byte(pos);
	std::size_t length = 0;
	unsigned min = 0x80;
	unsigned max = 0xbf; // the range of the second byte
	if (lead >= 0xc2 && lead <= 0xdf)
		length = 2;
	else if (lead >= 0xe0 && lead <= 0xef)
	{
		length = 3;
		if (lead == 0xe0)
			min = 0xa0; // overlong
		else if (lead == 0xed)
			max = 0x9f; // surrogates
	}
	else if (lead >= 0xf0 && lead <= 0xf4)
	{
		length = 4;
		if (lead == 0xf0)
			min = 0x90; // overlong
		else if (lead == 0xf4)
			max = 0x8f; // beyond U+10FFFF
	}
	else
		return 0;
	if (pos + length > text.size() || byte(pos + 1) < min || byte(pos + 1) > max)
		return 0;
	for (std::size_t i = 2; i < length; ++i)
	{
		if (byte(pos + i) < 0x80 || byte(pos + i) > 0xbf)
			return 0;
	}
	return length;
}


} // namespace OrgsHost
