//
// GateSocketImpl.h
//
// Library: Orgs
// Package: HostServer
// Module:  GateSocketImpl
//
// The socket of a connection the ConnectionGate owns: Poco reads the bytes the gate has
// already received before it reads the network.
//


#ifndef Orgs_GateSocketImpl_INCLUDED
#define Orgs_GateSocketImpl_INCLUDED


#include "Poco/Net/StreamSocketImpl.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <cstddef>
#include <string>


namespace OrgsHost {


class GateSocketImpl : public Poco::Net::StreamSocketImpl
	/// A connected TCP socket with a receive buffer of its own.
	///
	/// The gate fills the buffer without waiting (fill()) until it holds a whole request; Poco's
	/// HTTPServerSession then reads through receiveBytes(), which serves the buffer first.
	/// receiveBytes() hands out no more than the current request: the head (beginRequest()),
	/// then the body Poco expects (setBodyLength()). Past that it returns 0, the end of the
	/// stream, so Poco's session never buffers the next request and a request with no body
	/// never waits for one. Only a body larger than the buffer is read from the network, and
	/// only until the deadline given to beginRequest().
{
public:
	explicit GateSocketImpl(poco_socket_t sockfd);
		/// Takes over a connected socket.

	std::size_t fill(std::size_t limit, bool& closed);
		/// Reads what the socket holds, without waiting, until the buffer holds limit bytes.
		/// Returns the number of bytes read; sets closed if the peer closed the connection or
		/// it failed.

	const char* data() const;
		/// Returns the buffered bytes not handed out yet.

	std::size_t size() const;
		/// Returns the number of buffered bytes not handed out yet.

	void beginRequest(std::size_t headLength, const Poco::Timestamp& deadline);
		/// Starts a request whose head is the first headLength bytes of the buffer.

	void setBodyLength(Poco::Int64 length);
		/// Lets Poco read length more bytes (the body); -1 for a body of unknown length.

	std::size_t handedOut() const;
		/// Returns the number of bytes handed out since beginRequest().

	Poco::Int64 remaining() const;
		/// Returns the number of bytes of the request not handed out yet (-1: unknown).

	void unread(const char* data, std::size_t length);
		/// Puts bytes Poco read but did not use back in front of the buffer.

	void discard(std::size_t length);
		/// Drops length buffered bytes (the unread rest of a body).

	void endRequest();
		/// Ends the request: compacts the buffer, and frees it if it is empty and large.

	void detach();
		/// Makes the socket a plain one, for a handler that took it over (a WebSocket, say):
		/// the buffered bytes first, then the network, with no limit or deadline.

	int receiveBytes(void* buffer, int length, int flags = 0) override;
		/// Serves the buffer first, then the network; returns 0 at the end of the request.
		/// Throws Poco::TimeoutException if the request's deadline has passed.

	void setReceiveTimeout(const Poco::Timespan& timeout) override;
		/// Sets the socket's receive timeout, unless it has this value already (each request's
		/// HTTPServerSession sets it again).

protected:
	~GateSocketImpl() override;

private:
	std::string _buffer;
	std::size_t _offset; // bytes of _buffer handed out
	std::size_t _handedOut;
	Poco::Int64 _remaining; // -1: unlimited
	Poco::Timestamp _deadline;
	Poco::Timespan _receiveTimeout;
};


//
// inlines
//
inline const char* GateSocketImpl::data() const
{
	return _buffer.data() + _offset;
}


inline std::size_t GateSocketImpl::size() const
{
	return _buffer.size() - _offset;
}


inline std::size_t GateSocketImpl::handedOut() const
{
	return _handedOut;
}


inline Poco::Int64 GateSocketImpl::remaining() const
{
	return _remaining;
}


} // namespace OrgsHost


#endif // Orgs_GateSocketImpl_INCLUDED
