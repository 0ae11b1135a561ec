//
// WebhookSecrets.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookSecrets
//
// Webhook signing secrets as they are stored.
//


#ifndef Orgs_WebhookSecrets_INCLUDED
#define Orgs_WebhookSecrets_INCLUDED


#include "data/Database.h"
#include "data/WebhookRepository.h"
#include "service/SecretBox.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Events {


class WebhookSecrets
	/// An endpoint's signing secrets are stored sealed by the SecretBox (orgs.secrets.keyFile)
	/// for the endpoint's organization: WebhookServiceImpl seals a new secret here, the sender
	/// opens them here to sign, and at the start the secrets stored before the key was set are
	/// sealed.
{
public:
	explicit WebhookSecrets(const Service::SecretBox& box);

	std::string seal(Id organizationId, const std::string& secret) const;
		/// Returns the form of a new secret to store.

	std::vector<std::string> signing(const Data::WebhookRepository::Endpoint& row, Poco::Int64 nowMicros) const;
		/// Returns the secrets that sign a delivery now: the current one, and the previous one
		/// until its overlap ends. Throws Service::SealedSecretException if one does not open.

	std::size_t sealStored(Data::Database& database) const;
		/// Seals every stored secret that is not sealed yet, a page of endpoints per
		/// transaction; returns how many endpoints changed. Nothing without a key.

private:
	static std::string context(Id organizationId);

	const Service::SecretBox& _box;
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_WebhookSecrets_INCLUDED
