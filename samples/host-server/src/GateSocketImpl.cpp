//
// GateSocketImpl.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  GateSocketImpl
//


#include "GateSocketImpl.h"
#include "Poco/Exception.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>


namespace OrgsHost {


namespace {


// A buffer that grew beyond this for one request is freed when the connection goes idle.
const std::size_t KEPT_CAPACITY = 16 * 1024;


} // namespace


GateSocketImpl::GateSocketImpl(poco_socket_t sockfd)
    : Poco::Net::StreamSocketImpl(sockfd), _offset(0), _handedOut(0), _remaining(0)
{
}


GateSocketImpl::~GateSocketImpl() {}


std::size_t GateSocketImpl::fill(std::size_t limit, bool& closed)
{
	closed = false;
	std::size_t total = 0;
	char chunk[16 * 1024];
	while (size() < limit)
	{
		const std::size_t wanted = std::min(limit - size(), sizeof(chunk));
		const ssize_t n = ::recv(sockfd(), chunk, wanted, MSG_DONTWAIT);
		if (n > 0)
		{
			_buffer.append(chunk, static_cast<std::size_t>(n));
			total += static_cast<std::size_t>(n);
			if (static_cast<std::size_t>(n) < wanted)
				break; // the socket is empty now
		}
		else if (n == 0)
		{
			closed = true;
			break;
		}
		else if (errno != EINTR)
		{
			closed = errno != EAGAIN && errno != EWOULDBLOCK;
			break;
		}
	}
	return total;
}


void GateSocketImpl::beginRequest(std::size_t headLength, const Poco::Timestamp& deadline)
{
	_handedOut = 0;
	_remaining = static_cast<Poco::Int64>(headLength);
	_deadline = deadline;
}


void GateSocketImpl::setBodyLength(Poco::Int64 length)
{
	_remaining = length;
}


void GateSocketImpl::unread(const char* data, std::size_t length)
{
	if (length == 0)
		return;
	if (_offset >= length && std::memcmp(_buffer.data() + _offset - length, data, length) == 0)
		_offset -= length;
	else
		_buffer.insert(_offset, data, length);
	_handedOut -= std::min(_handedOut, length);
	if (_remaining >= 0)
		_remaining += static_cast<Poco::Int64>(length);
}


void GateSocketImpl::discard(std::size_t length)
{
	_offset += std::min(length, size());
}


void GateSocketImpl::endRequest()
{
	_remaining = 0;
	if (_offset == _buffer.size())
	{
		_buffer.clear();
		if (_buffer.capacity() > KEPT_CAPACITY)
			std::string().swap(_buffer);
	}
	else
	{
		_buffer.erase(0, _offset);
	}
	_offset = 0;
}


void GateSocketImpl::detach()
{
	_remaining = -1;
	_deadline = Poco::Timestamp(Poco::Timestamp::TIMEVAL_MAX);
}


int GateSocketImpl::receiveBytes(void* buffer, int length, int flags)
{
	if (flags != 0)
		return Poco::Net::StreamSocketImpl::receiveBytes(buffer, length, flags);
	if (_remaining == 0 || length <= 0)
		return 0;
	std::size_t wanted = static_cast<std::size_t>(length);
	if (_remaining > 0)
		wanted = std::min(wanted, static_cast<std::size_t>(_remaining));

	int n = 0;
	if (size() > 0)
	{
		n = static_cast<int>(std::min(wanted, size()));
		std::memcpy(buffer, data(), static_cast<std::size_t>(n));
		_offset += static_cast<std::size_t>(n);
	}
	else
	{
		// A body larger than the gate buffers: wait for it, but not past the deadline, so that
		// a client trickling it cannot hold the thread longer than that.
		if (_deadline != Poco::Timestamp(Poco::Timestamp::TIMEVAL_MAX))
		{
			const Poco::Timestamp::TimeDiff left = _deadline - Poco::Timestamp();
			struct pollfd pfd = {sockfd(), POLLIN, 0};
			int ready = 0;
			if (left > 0)
			{
				do
					ready = ::poll(&pfd, 1, static_cast<int>((left + 999) / 1000));
				while (ready < 0 && errno == EINTR);
			}
			if (ready <= 0)
				throw Poco::TimeoutException("The request body did not arrive in time");
		}
		n = Poco::Net::StreamSocketImpl::receiveBytes(buffer, static_cast<int>(wanted), 0);
	}
	if (n > 0)
	{
		_handedOut += static_cast<std::size_t>(n);
		if (_remaining > 0)
			_remaining -= n;
	}
	return n;
}


void GateSocketImpl::setReceiveTimeout(const Poco::Timespan& timeout)
{
	if (timeout == _receiveTimeout)
		return;
	Poco::Net::StreamSocketImpl::setReceiveTimeout(timeout);
	_receiveTimeout = timeout;
}


} // namespace OrgsHost
