//
// WebhookSecrets.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookSecrets
//


#include "events/WebhookSecrets.h"


namespace Orgs {
namespace Events {


namespace {


constexpr int SEAL_PAGE = 100;


} // namespace


WebhookSecrets::WebhookSecrets(const Service::SecretBox& box) : _box(box) {}


std::string WebhookSecrets::context(Id organizationId)
{
	// A sealed secret opens only in a row of the organization it was made for.
	return "webhook_endpoints.organization_id=" + std::to_string(organizationId);
}


std::string WebhookSecrets::seal(Id organizationId, const std::string& secret) const
{
	return _box.seal(secret, context(organizationId));
}


std::vector<std::string> WebhookSecrets::signing(const Data::WebhookRepository::Endpoint& row,
                                                 Poco::Int64 nowMicros) const
{
	const std::string ctx = context(row.endpoint.organizationId);
	std::vector<std::string> secrets{_box.open(row.endpoint.secret, ctx)};
	if (!row.previousSecret.empty() && row.previousSecretUntil > nowMicros)
		secrets.push_back(_box.open(row.previousSecret, ctx));
	return secrets;
}


std::size_t WebhookSecrets::sealStored(Data::Database& database) const
{
	if (!_box.hasKey())
		return 0;
	Data::WebhookRepository webhooks(database);
	std::size_t sealed = 0;
	for (Id after = 0;;)
	{
		// What a page did is kept only once it committed: a transaction that runs again starts
		// from the same place.
		std::size_t rowsRead = 0, rowsSealed = 0;
		Id last = after;
		database.transact([&](Poco::Data::Session& session) {
			const std::vector<Data::WebhookRepository::Endpoint> rows =
			    webhooks.withSecretsNotLike(session, Service::SecretBox::PREFIX, after, SEAL_PAGE);
			rowsRead = rows.size();
			rowsSealed = 0;
			for (const auto& row : rows)
			{
				const std::string ctx = context(row.endpoint.organizationId);
				const auto sealedForm = [&](const std::string& stored) {
					return stored.empty() || Service::SecretBox::isSealed(stored) ? stored : _box.seal(stored, ctx);
				};
				if (webhooks.replaceSecrets(session, row, sealedForm(row.endpoint.secret),
				                            sealedForm(row.previousSecret)))
					++rowsSealed;
				last = row.endpoint.id;
			}
		});
		sealed += rowsSealed;
		after = last;
		if (rowsRead < static_cast<std::size_t>(SEAL_PAGE))
			break;
	}
	return sealed;
}


} // namespace Events
} // namespace Orgs
