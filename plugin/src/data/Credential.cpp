//
// Credential.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  Credential
//


#include "data/Credential.h"


namespace Orgs {
namespace Data {


namespace {


thread_local Credential* t_pCredential = nullptr;


} // namespace


Credential::Credential(Verifier& verifier, Id tokenId) : _verifier(verifier), _tokenId(tokenId), _pOuter(t_pCredential)
{
	t_pCredential = this;
}


Credential::~Credential()
{
	t_pCredential = _pOuter;
}


void Credential::verify(Poco::Data::Session& session)
{
	const Credential* pCredential = t_pCredential;
	if (pCredential && pCredential->_tokenId != 0)
		pCredential->_verifier.verify(session, pCredential->_tokenId);
}


const Credential* Credential::current()
{
	return t_pCredential;
}


} // namespace Data
} // namespace Orgs
